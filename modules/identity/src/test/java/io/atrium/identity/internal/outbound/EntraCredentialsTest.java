package io.atrium.identity.internal.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ChainedTokenCredential;
import com.azure.identity.ClientCertificateCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.identity.OnBehalfOfCredential;
import com.azure.identity.WorkloadIdentityCredential;

/** Which azure-identity credential each mode builds; none of these tests asks for a token. */
class EntraCredentialsTest {

    @TempDir
    static Path directory;

    @Test
    void a_client_secret_builds_the_client_secret_credential_and_no_chain() {
        assertThat(appCredential(Map.of("ATRIUM_APP_CREDENTIAL", "client-secret", "AZURE_CLIENT_SECRET", "s3cret")))
                .isInstanceOf(ClientSecretCredential.class).isNotInstanceOf(ChainedTokenCredential.class);
    }

    @Test
    void a_client_certificate_builds_the_client_certificate_credential_and_no_chain() throws Exception {
        Path certificate = Files.writeString(directory.resolve("atrium.pem"), "not read until a token is asked for");

        assertThat(appCredential(Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate",
                "AZURE_CLIENT_CERTIFICATE_PATH", certificate.toString())))
                .isInstanceOf(ClientCertificateCredential.class).isNotInstanceOf(ChainedTokenCredential.class);
    }

    @Test
    void a_managed_identity_builds_the_managed_identity_credential_and_no_chain() {
        assertThat(appCredential(Map.of("ATRIUM_APP_CREDENTIAL", "managed-identity",
                "AZURE_MANAGED_IDENTITY_CLIENT_ID", "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9")))
                .isInstanceOf(ManagedIdentityCredential.class).isNotInstanceOf(ChainedTokenCredential.class);
    }

    @Test
    void workload_identity_builds_the_workload_identity_credential_and_no_chain() {
        assertThat(appCredential(Map.of("ATRIUM_APP_CREDENTIAL", "workload-identity",
                "AZURE_FEDERATED_TOKEN_FILE", directory.resolve("token").toString())))
                .isInstanceOf(WorkloadIdentityCredential.class).isNotInstanceOf(ChainedTokenCredential.class);
    }

    @Test
    void only_the_default_mode_builds_the_default_chain() {
        assertThat(appCredential(Map.of("ATRIUM_APP_CREDENTIAL", "default"))).isInstanceOf(DefaultAzureCredential.class);
    }

    @Test
    void a_client_secret_can_act_on_behalf_of_an_employee() {
        EntraCredentials credentials = credentials(Map.of("ATRIUM_APP_CREDENTIAL", "client-secret",
                "AZURE_CLIENT_SECRET", "s3cret"));

        assertThat(credentials.actsOnBehalfOfEmployees()).isTrue();
        assertThat(credentials.onBehalfOf("6f2d3c1e-5b4a-4e3f-9a8b-7c6d5e4f3a2b", "eyJ.employee.token"))
                .isInstanceOf(OnBehalfOfCredential.class);
    }

    @Test
    void neither_a_managed_identity_nor_the_default_chain_can_act_on_behalf_of_an_employee() {
        assertThat(credentials(Map.of("ATRIUM_APP_CREDENTIAL", "managed-identity")).actsOnBehalfOfEmployees()).isFalse();
        assertThat(credentials(Map.of("ATRIUM_APP_CREDENTIAL", "default")).actsOnBehalfOfEmployees()).isFalse();
        assertThatThrownBy(() -> credentials(Map.of("ATRIUM_APP_CREDENTIAL", "managed-identity"))
                .onBehalfOf("6f2d3c1e-5b4a-4e3f-9a8b-7c6d5e4f3a2b", "eyJ.employee.token"))
                .isInstanceOf(IllegalStateException.class);
    }

    private static TokenCredential appCredential(Map<String, String> environment) {
        return credentials(environment).app();
    }

    private static EntraCredentials credentials(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(Map.of("AZURE_AUTHORITY_HOST", "https://localhost:9443",
                "AZURE_TENANT_ID", "6f2d3c1e-5b4a-4e3f-9a8b-7c6d5e4f3a2b",
                "AZURE_CLIENT_ID", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
        all.putAll(environment);
        return new EntraCredentials(SettingsFromEnvironment.of(all));
    }
}
