package io.atrium.identity.internal.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundTokenSettingsTest {

    private static final Map<String, String> REGISTERED_APP = Map.of(
            "AZURE_TENANT_ID", "6f2d3c1e-5b4a-4e3f-9a8b-7c6d5e4f3a2b",
            "AZURE_CLIENT_ID", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    @TempDir
    Path directory;

    @Test
    void a_client_secret_with_its_secret_has_no_problems() {
        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "client-secret", "AZURE_CLIENT_SECRET", "s3cret"))).isEmpty();
    }

    @Test
    void the_client_secret_mode_without_a_secret_names_AZURE_CLIENT_SECRET() {
        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "client-secret")))
                .singleElement().asString().startsWith("AZURE_CLIENT_SECRET (azure.client-secret) must be set")
                .contains("ATRIUM_APP_CREDENTIAL is client-secret");
    }

    @Test
    void the_certificate_mode_without_a_certificate_names_AZURE_CLIENT_CERTIFICATE_PATH() {
        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate")))
                .singleElement().asString().startsWith("AZURE_CLIENT_CERTIFICATE_PATH (azure.client-certificate-path)");
    }

    @Test
    void a_certificate_file_that_cannot_be_read_is_named() {
        Path missing = directory.resolve("atrium.pfx");

        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate",
                "AZURE_CLIENT_CERTIFICATE_PATH", missing.toString())))
                .containsExactly("AZURE_CLIENT_CERTIFICATE_PATH (azure.client-certificate-path) names " + missing
                        + ", which cannot be read");
    }

    @Test
    void a_readable_certificate_file_has_no_problems() throws Exception {
        Path certificate = Files.writeString(directory.resolve("atrium.pem"), "-----BEGIN CERTIFICATE-----");

        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate",
                "AZURE_CLIENT_CERTIFICATE_PATH", certificate.toString()))).isEmpty();
    }

    @Test
    void the_workload_identity_mode_without_a_token_file_names_AZURE_FEDERATED_TOKEN_FILE() {
        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "workload-identity")))
                .singleElement().asString().startsWith("AZURE_FEDERATED_TOKEN_FILE (azure.federated-token-file)");
    }

    @Test
    void a_managed_identity_and_the_default_chain_need_no_further_setting() {
        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "managed-identity"))).isEmpty();
        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "default"))).isEmpty();
    }

    @Test
    void an_unknown_mode_is_refused_with_the_modes_there_are() {
        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "password")))
                .containsExactly("ATRIUM_APP_CREDENTIAL (atrium.app-credential) must be one of client-secret, "
                        + "client-certificate, managed-identity, workload-identity or default, not 'password'");
    }

    @Test
    void the_refresh_margin_must_lie_between_nothing_and_five_minutes() {
        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "managed-identity",
                "ATRIUM_TOKEN_CACHE_REFRESH_MARGIN_SECONDS", "301")))
                .containsExactly("ATRIUM_TOKEN_CACHE_REFRESH_MARGIN_SECONDS (atrium.token-cache.refresh-margin-seconds) "
                        + "must be between 0 and 300, not 301");
        assertThat(problems(Map.of("ATRIUM_APP_CREDENTIAL", "managed-identity",
                "ATRIUM_TOKEN_CACHE_REFRESH_MARGIN_SECONDS", "-1"))).hasSize(1);
    }

    @Test
    void microsofts_clouds_are_told_apart_from_other_authority_hosts() {
        assertThat(settings(Map.of("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com")).isMicrosoftAuthority())
                .isTrue();
        assertThat(settings(Map.of("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.us/")).isMicrosoftAuthority())
                .isTrue();
        assertThat(settings(Map.of("AZURE_AUTHORITY_HOST", "https://localhost:9443")).isMicrosoftAuthority()).isFalse();
    }

    @Test
    void a_pkcs12_certificate_is_told_from_a_pem_one_by_its_file_name() {
        assertThat(settings(Map.of("AZURE_CLIENT_CERTIFICATE_PATH", "/run/secrets/atrium.PFX")).certificateIsPkcs12())
                .isTrue();
        assertThat(settings(Map.of("AZURE_CLIENT_CERTIFICATE_PATH", "/run/secrets/atrium.p12")).certificateIsPkcs12())
                .isTrue();
        assertThat(settings(Map.of("AZURE_CLIENT_CERTIFICATE_PATH", "/run/secrets/atrium.pem")).certificateIsPkcs12())
                .isFalse();
    }

    private static List<String> problems(Map<String, String> environment) {
        return settings(environment).problems();
    }

    private static OutboundTokenSettings settings(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(REGISTERED_APP);
        all.putAll(environment);
        return SettingsFromEnvironment.of(all);
    }
}
