package io.atrium.ai.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class AzureOpenAiSettingsTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void complete_settings_have_no_problems() {
        AzureOpenAiSettings settings = settings("https://myres.openai.azure.com/", "gpt-4o-mini", KEY, "api-key");

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.endpoint()).hasToString("https://myres.openai.azure.com");
        assertThat(settings.deployment()).isEqualTo("gpt-4o-mini");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void missing_keys_are_all_named_by_their_environment_variables() {
        AzureOpenAiSettings settings = settings(null, null, null, "api-key");

        assertThat(settings.problems()).hasSize(3);
        assertThat(String.join("\n", settings.problems()))
                .contains("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_DEPLOYMENT", "AZURE_OPENAI_API_KEY");
    }

    @Test
    void blank_values_count_as_missing() {
        AzureOpenAiSettings settings = settings(" ", "", "  ", "api-key");

        assertThat(settings.problems()).hasSize(3);
    }

    @Test
    void credential_modes_other_than_api_key_are_refused_for_now() {
        AzureOpenAiSettings settings = settings("https://myres.openai.azure.com", "gpt-4o", null, "entra");

        assertThat(settings.problems()).singleElement().asString()
                .contains("ATRIUM_AI_CREDENTIAL", "'entra'", "only 'api-key'");
    }

    @Test
    void plain_http_is_allowed_only_for_a_local_stand_in() {
        assertThat(settings("http://localhost:8089", "gpt-4o", KEY, "api-key").problems()).isEmpty();
        assertThat(settings("http://myres.openai.azure.com", "gpt-4o", KEY, "api-key").problems())
                .singleElement().asString().contains("AZURE_OPENAI_ENDPOINT", "must be an https URL");
    }

    @Test
    void endpoint_must_not_carry_the_operation_path() {
        AzureOpenAiSettings settings = settings(
                "https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
                "gpt-4o", KEY, "api-key");

        assertThat(settings.problems()).singleElement().asString().contains("without a path");
    }

    @Test
    void wrong_api_version_and_timeouts_are_named() {
        AzureOpenAiSettings settings = new AzureOpenAiSettings(Optional.of("https://myres.openai.azure.com"),
                Optional.of("gpt-4o"), "latest", Optional.of(KEY), "api-key", 0, -1, "");

        assertThat(String.join("\n", settings.problems())).contains("AZURE_OPENAI_API_VERSION", "'latest'",
                "ATRIUM_AI_CONNECT_TIMEOUT_MS", "ATRIUM_AI_READ_TIMEOUT_MS");
    }

    @Test
    void unusable_settings_refuse_to_build_a_client_and_say_why() {
        AzureOpenAiSettings settings = settings(null, "gpt-4o", KEY, "api-key");

        assertThatThrownBy(settings::requireUsable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AZURE_OPENAI_ENDPOINT");
    }

    @Test
    void key_is_never_in_to_string() {
        AzureOpenAiSettings settings = settings("https://myres.openai.azure.com", "gpt-4o", KEY, "api-key");

        assertThat(settings.toString()).doesNotContain(KEY).contains("apiKey=(set)", "gpt-4o");
    }

    @Test
    void module_defaults_leave_only_endpoint_deployment_and_key_to_set() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }

        AzureOpenAiSettings settings = new AzureOpenAiSettings(Optional.empty(), Optional.empty(),
                defaults.getProperty("azure.openai.api-version"), Optional.empty(),
                defaults.getProperty("atrium.ai.credential"),
                Long.parseLong(defaults.getProperty("atrium.ai.connect-timeout-ms")),
                Long.parseLong(defaults.getProperty("atrium.ai.read-timeout-ms")),
                defaults.getProperty("atrium.ai.system-prompt"));

        assertThat(settings.apiVersion()).isEqualTo("2024-10-21");
        assertThat(settings.systemPrompt()).startsWith("You are Atrium").doesNotContain("\\").doesNotContain("  ");
        assertThat(settings.problems()).hasSize(3);
    }

    static AzureOpenAiSettings settings(String endpoint, String deployment, String apiKey, String credential) {
        return new AzureOpenAiSettings(Optional.ofNullable(endpoint), Optional.ofNullable(deployment), "2024-10-21",
                Optional.ofNullable(apiKey), credential, 5000, 60000, "Be brief.");
    }
}
