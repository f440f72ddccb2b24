package io.atrium.identity.internal.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AppCredentialSettingsTest {

    @Test
    void a_blank_setting_is_absent_as_if_it_were_unset() {
        AppCredentialSettings blank = AppCredentials.of(Map.of(
                "AZURE_CLIENT_SECRET", " ",
                "AZURE_CLIENT_CERTIFICATE_PATH", "",
                "AZURE_CLIENT_CERTIFICATE_PASSWORD", "\t",
                "AZURE_MANAGED_IDENTITY_CLIENT_ID", " \n",
                "AZURE_FEDERATED_TOKEN_FILE", "  "));

        assertThat(blank.clientSecret()).isEmpty();
        assertThat(blank.certificatePath()).isEmpty();
        assertThat(blank.certificatePassword()).isEmpty();
        assertThat(blank.managedIdentityClientId()).isEmpty();
        assertThat(blank.federatedTokenFile()).isEmpty();
    }

    @Test
    void each_value_is_stripped_of_the_whitespace_a_secret_file_or_an_env_file_leaves_around_it() {
        AppCredentialSettings padded = AppCredentials.of(Map.of(
                "AZURE_CLIENT_SECRET", " s3cret\n",
                "AZURE_CLIENT_CERTIFICATE_PATH", "/run/secrets/atrium.pfx ",
                "AZURE_CLIENT_CERTIFICATE_PASSWORD", "\tpassword\n",
                "AZURE_MANAGED_IDENTITY_CLIENT_ID", " 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                "AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token\n"));

        assertThat(padded.clientSecret()).contains("s3cret");
        assertThat(padded.certificatePath()).contains("/run/secrets/atrium.pfx");
        assertThat(padded.certificatePassword()).contains("password");
        assertThat(padded.managedIdentityClientId()).contains("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        assertThat(padded.federatedTokenFile()).contains("/var/run/secrets/azure/tokens/azure-identity-token");
    }

    @Test
    void its_text_shows_neither_the_secret_nor_the_certificates_password() {
        AppCredentialSettings settings = AppCredentials.of(Map.of(
                "AZURE_CLIENT_SECRET", "s3cret-value", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "p4ssword-value"));

        assertThat(settings.toString()).doesNotContain("s3cret-value").doesNotContain("p4ssword-value");
    }
}
