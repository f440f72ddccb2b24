package io.atrium.ai.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The wire records against Azure's published and recorded JSON, read with Yasson as Payara does. */
class WireFormatTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    @Test
    void spec_example_answer_is_read() {
        ChatCompletion completion = JSONB.fromJson(
                Fixtures.specExampleResponse("2024-10-21/chat_completions.json"), ChatCompletion.class);

        assertThat(completion.id()).isEqualTo("chatcmpl-7R1nGnsXO8n4oi9UPz2f3UHdgAYMn");
        assertThat(completion.created()).isEqualTo(1686676106L);
        assertThat(completion.choices()).hasSize(1);
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.index()).isZero();
        assertThat(choice.finishReason()).isEqualTo("stop");
        assertThat(choice.message().role()).isEqualTo("assistant");
        assertThat(choice.message().content()).startsWith("Ahoy matey!").endsWith("may the wind be at yer back!");
        assertThat(completion.usage().promptTokens()).isEqualTo(33);
        assertThat(completion.usage().completionTokens()).isEqualTo(557);
        assertThat(completion.usage().totalTokens()).isEqualTo(590);
        assertThat(completion.promptFilterResults()).as("absent in the spec example").isNull();
    }

    @Test
    void recorded_answer_with_filter_results_is_read_and_unknown_fields_are_ignored() {
        ChatCompletion completion = JSONB.fromJson(
                Fixtures.recordedResponseBody("net/ChatTests/ChatCompletionContentFilter.json"), ChatCompletion.class);

        assertThat(completion.id()).isEqualTo("chatcmpl-Aau7w5gVh03QJi4QRbz3FlgFrkLmW");
        assertThat(completion.model()).isEqualTo("gpt-4o-2024-08-06");
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).isEqualTo("Hello! How can I assist you today?");
        assertThat(choice.finishReason()).isEqualTo("stop");
        assertThat(choice.contentFilterResults().keySet())
                .contains("hate", "protected_material_code", "protected_material_text", "violence");
        assertThat(AzureOpenAiErrors.filteredCategories(choice.contentFilterResults())).isEmpty();
        assertThat(completion.promptFilterResults()).hasSize(1);
        assertThat(completion.promptFilterResults().get(0).promptIndex()).isZero();
        assertThat(completion.promptFilterResults().get(0).contentFilterResults().getJsonObject("jailbreak")
                .getBoolean("detected")).isFalse();
        assertThat(completion.usage().promptTokens()).isEqualTo(11);
        assertThat(completion.usage().completionTokens()).isEqualTo(9);
    }

    @Test
    void recorded_error_body_is_read() {
        AzureErrorBody body = JSONB.fromJson(
                Fixtures.recordedResponseBody("net/ChatTests/ChatCompletionBadKeyGivesHelpfulError.json"),
                AzureErrorBody.class);

        assertThat(body.error().code()).isEqualTo("401");
        assertThat(body.error().message()).startsWith("Access denied due to invalid subscription key");
    }

    @Test
    void request_uses_azures_names_and_leaves_out_what_is_not_set() {
        ChatCompletionRequest request = new ChatCompletionRequest(null,
                List.of(new ChatMessage("system", "Be brief"), new ChatMessage("user", "Hello")), null, null, false,
                null);

        JsonObject json = Json.createReader(new StringReader(JSONB.toJson(request))).readObject();

        assertThat(json.keySet()).containsExactlyInAnyOrder("messages", "stream");
        assertThat(json.getBoolean("stream")).isFalse();
        assertThat(json.getJsonArray("messages").getJsonObject(1).getString("role")).isEqualTo("user");
        assertThat(json.getJsonArray("messages").getJsonObject(1).getString("content")).isEqualTo("Hello");
    }

    @Test
    void request_options_use_snake_case() {
        ChatCompletionRequest request = new ChatCompletionRequest(null, List.of(new ChatMessage("user", "Hi")), 0.2,
                100, true, new StreamOptions(true));

        JsonObject json = Json.createReader(new StringReader(JSONB.toJson(request))).readObject();

        assertThat(json.getJsonNumber("temperature").doubleValue()).isEqualTo(0.2);
        assertThat(json.getInt("max_tokens")).isEqualTo(100);
        assertThat(json.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
    }
}
