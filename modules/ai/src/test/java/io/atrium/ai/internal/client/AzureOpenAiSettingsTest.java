package io.atrium.ai.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atrium.ai.TestConfig;

class AzureOpenAiSettingsTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void complete_settings_have_no_problems_and_the_module_defaults_apply() {
        AzureOpenAiSettings settings = settings("https://myres.openai.azure.com/", "gpt-4o-mini", KEY, "api-key");

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.endpoint()).hasToString("https://myres.openai.azure.com");
        assertThat(settings.deployment()).isEqualTo("gpt-4o-mini");
        assertThat(settings.deployments()).containsExactly("gpt-4o-mini");
        assertThat(settings.credential()).isEqualTo(CredentialMode.API_KEY);
        assertThat(settings.apiVersion()).isEqualTo("2024-10-21");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxRateLimitRetries()).isEqualTo(2);
        assertThat(settings.retryBudget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.circuitFailures()).isEqualTo(5);
        assertThat(settings.systemPrompt()).startsWith("You are Atrium").doesNotContain("\\").doesNotContain("  ");
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
        assertThat(settings(" ", "", "  ", "api-key").problems()).hasSize(3);
    }

    @Test
    void entra_modes_need_no_api_key() {
        assertThat(settings("https://myres.openai.azure.com", "gpt-4o", null, "entra").problems()).isEmpty();
        assertThat(settings("https://myres.openai.azure.com", "gpt-4o", null, "on-behalf-of").credential())
                .isEqualTo(CredentialMode.ON_BEHALF_OF);
    }

    @Test
    void an_unknown_credential_mode_is_named_with_the_choices() {
        AzureOpenAiSettings settings = settings("https://myres.openai.azure.com", "gpt-4o", KEY, "managed");

        assertThat(settings.problems()).singleElement().asString()
                .contains("ATRIUM_AI_CREDENTIAL", "api-key, entra, on-behalf-of", "'managed'");
    }

    @Test
    void deployments_list_starts_with_the_default_and_names_bad_entries() {
        Map<String, String> more = Map.of("atrium.ai.deployments", "gpt-4o, gpt-4o-mini ,bad name");
        AzureOpenAiSettings settings = settings("https://myres.openai.azure.com", "gpt-4o-mini", KEY, "api-key", more);

        assertThat(settings.deployments()).containsExactly("gpt-4o-mini", "gpt-4o", "bad name");
        assertThat(settings.problems()).singleElement().asString().contains("ATRIUM_AI_DEPLOYMENTS", "'bad name'");
    }

    @Test
    void context_budgets_are_per_deployment_with_one_for_every_other_and_bad_entries_named() {
        AzureOpenAiSettings defaults = settings("https://myres.openai.azure.com", "gpt-4o-mini", KEY, "api-key");
        AzureOpenAiSettings named = settings("https://myres.openai.azure.com", "gpt-4o-mini", KEY, "api-key",
                Map.of("atrium.ai.context-budgets", "gpt-4o=30000, *=12000"));
        AzureOpenAiSettings wrong = settings("https://myres.openai.azure.com", "gpt-4o-mini", KEY, "api-key",
                Map.of("atrium.ai.context-budgets", "gpt-4o=50,gpt-4o-mini"));

        assertThat(defaults.contextBudgetOf("gpt-4o")).isEqualTo(8000);
        assertThat(named.contextBudgetOf("gpt-4o")).isEqualTo(30000);
        assertThat(named.contextBudgetOf("gpt-4o-mini")).isEqualTo(12000);
        assertThat(named.problems()).isEmpty();
        assertThat(wrong.problems()).hasSize(2).allSatisfy(problem -> assertThat(problem)
                .contains("ATRIUM_AI_CONTEXT_BUDGETS"));
        assertThat(wrong.problems()).anySatisfy(problem -> assertThat(problem).contains("'gpt-4o=50'"))
                .anySatisfy(problem -> assertThat(problem).contains("'gpt-4o-mini'"));
        assertThat(settings("https://myres.openai.azure.com", "gpt-4o-mini", KEY, "api-key",
                Map.of("atrium.ai.context-budgets", "gpt-4o=30000")).problems()).singleElement().asString()
                .contains("ATRIUM_AI_CONTEXT_BUDGETS", "every other deployment", "*=8000");
    }

    @Test
    void the_v1_api_is_chosen_by_its_name_and_asks_at_its_own_path() {
        AzureOpenAiSettings v1 = settings("https://myres.openai.azure.com", "gpt-4o-mini", KEY, "api-key",
                Map.of("azure.openai.api-version", "v1"));
        AzureOpenAiSettings dated = settings("https://myres.openai.azure.com", "gpt-4o-mini", KEY, "api-key");

        assertThat(v1.problems()).isEmpty();
        assertThat(v1.v1Api()).isTrue();
        assertThat(v1.chatCompletions("gpt-4o"))
                .hasToString("https://myres.openai.azure.com/openai/v1/chat/completions");
        assertThat(dated.v1Api()).isFalse();
        assertThat(dated.chatCompletions("gpt-4o")).hasToString(
                "https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
        assertThat(settings("https://myres.openai.azure.com", "gpt-4o-mini", KEY, "api-key",
                Map.of("azure.openai.api-version", "v2")).problems()).singleElement().asString()
                .contains("AZURE_OPENAI_API_VERSION", "or v1 for the v1 API", "'v2'");
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
    void wrong_api_version_timeouts_and_resilience_numbers_are_named() {
        AzureOpenAiSettings settings = settings("https://myres.openai.azure.com", "gpt-4o", KEY, "api-key",
                Map.of("azure.openai.api-version", "latest", "atrium.ai.connect-timeout-ms", "0",
                        "atrium.ai.read-timeout-ms", "-1", "atrium.ai.max-rate-limit-retries", "many",
                        "atrium.ai.circuit-breaker.failures", "0"));

        assertThat(String.join("\n", settings.problems())).contains("AZURE_OPENAI_API_VERSION", "'latest'",
                "ATRIUM_AI_CONNECT_TIMEOUT_MS", "ATRIUM_AI_READ_TIMEOUT_MS", "ATRIUM_AI_MAX_RATE_LIMIT_RETRIES",
                "'many'", "ATRIUM_AI_CIRCUIT_BREAKER_FAILURES");
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

    static AzureOpenAiSettings settings(String endpoint, String deployment, String apiKey, String credential) {
        return settings(endpoint, deployment, apiKey, credential, Map.of());
    }

    static AzureOpenAiSettings settings(String endpoint, String deployment, String apiKey, String credential,
                                        Map<String, String> more) {
        Map<String, String> values = new HashMap<>();
        if (endpoint != null) {
            values.put("azure.openai.endpoint", endpoint);
        }
        if (deployment != null) {
            values.put("azure.openai.deployment", deployment);
        }
        if (apiKey != null) {
            values.put("azure.openai.api-key", apiKey);
        }
        values.put("atrium.ai.credential", credential);
        values.putAll(more);
        return new AzureOpenAiSettings(TestConfig.of(values));
    }
}
