package io.atrium.ai.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.SocketTimeoutException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.ws.rs.ProcessingException;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatTurn;

/** The anti-corruption layer with the REST client replaced by a fake. */
class AzureOpenAiChatTest {

    private static final List<ChatTurn> CONVERSATION = List.of(new ChatTurn(ChatTurn.Role.SYSTEM, "Be brief"),
            ChatTurn.user("What is my IBAN?"));

    private final Logger log = Logger.getLogger(AzureOpenAiChat.class.getName());
    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getLevel() + " " + MessageFormat.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    @Test
    void conversation_goes_out_with_azures_roles_and_the_answer_comes_back_as_a_reply() {
        List<ChatCompletionRequest> sent = new ArrayList<>();
        AzureOpenAiChat chat = new AzureOpenAiChat((deployment, apiVersion, request) -> {
            sent.add(request);
            assertThat(deployment).isEqualTo("gpt-4o-mini");
            assertThat(apiVersion).isEqualTo("2024-10-21");
            return answer("stop", "It is on your statement.");
        }, "gpt-4o-mini", "2024-10-21");

        ChatReply reply = chat.complete(CONVERSATION);

        assertThat(reply).isEqualTo(new ChatReply("It is on your statement.", "stop", 12, 6, "gpt-4o-mini"));
        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.messages()).containsExactly(new ChatMessage("system", "Be brief"),
                    new ChatMessage("user", "What is my IBAN?"));
            assertThat(request.stream()).isFalse();
        });
    }

    @Test
    void each_call_logs_one_line_without_the_conversation() {
        AzureOpenAiChat chat = new AzureOpenAiChat((deployment, apiVersion, request) ->
                answer("stop", "It is on your statement."), "gpt-4o-mini", "2024-10-21");

        chat.complete(CONVERSATION);

        assertThat(logLines).singleElement().asString()
                .contains("deployment=gpt-4o-mini", "status=200", "prompt tokens=12", "completion tokens=6")
                .doesNotContain("IBAN").doesNotContain("statement");
    }

    @Test
    void answer_stopped_by_the_content_filter_is_not_shown() {
        AzureOpenAiChat chat = new AzureOpenAiChat((deployment, apiVersion, request) ->
                answer("content_filter", "Half an ans"), "gpt-4o-mini", "2024-10-21");

        AiUnavailableException e = failureOf(() -> chat.complete(CONVERSATION));

        assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED);
        assertThat(e.getMessage()).contains("[violence]").doesNotContain("Half an ans");
        assertThat(logLines).singleElement().asString().startsWith("WARNING").contains("status=200");
    }

    @Test
    void answer_without_choices_is_an_upstream_error() {
        AzureOpenAiChat chat = new AzureOpenAiChat((deployment, apiVersion, request) ->
                        new ChatCompletion("chatcmpl-1", "gpt-4o-mini", 1L, List.of(), null, null),
                "gpt-4o-mini", "2024-10-21");

        AiUnavailableException e = failureOf(() -> chat.complete(CONVERSATION));

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
    }

    @Test
    void error_status_is_passed_on_and_logged_with_its_status() {
        AiUnavailableException mapped = AzureOpenAiErrors.fromResponse(401, "", null, null);
        AzureOpenAiChat chat = new AzureOpenAiChat((deployment, apiVersion, request) -> {
            throw mapped;
        }, "gpt-4o-mini", "2024-10-21");

        AiUnavailableException e = failureOf(() -> chat.complete(CONVERSATION));

        assertThat(e).isSameAs(mapped);
        assertThat(logLines).singleElement().asString().contains("status=401");
    }

    @Test
    void timeout_is_reported_as_timeout() {
        AzureOpenAiChat chat = new AzureOpenAiChat((deployment, apiVersion, request) -> {
            throw new ProcessingException(new SocketTimeoutException("Read timed out"));
        }, "gpt-4o-mini", "2024-10-21");

        AiUnavailableException e = failureOf(() -> chat.complete(CONVERSATION));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(logLines).singleElement().asString().contains("status=none");
    }

    private static ChatCompletion answer(String finishReason, String content) {
        var filters = Json.createObjectBuilder()
                .add("hate", Json.createObjectBuilder().add("filtered", false).add("severity", "safe"))
                .add("violence", Json.createObjectBuilder().add("filtered", "content_filter".equals(finishReason))
                        .add("severity", "content_filter".equals(finishReason) ? "high" : "safe"))
                .build();
        return new ChatCompletion("chatcmpl-1", "gpt-4o-mini-2024-07-18", 1733358924L,
                List.of(new ChatCompletion.Choice(0, new ChatMessage("assistant", content), finishReason, filters)),
                new ChatCompletion.Usage(12, 6, 18), null);
    }

    private static AiUnavailableException failureOf(ThrowingCallable call) {
        return catchThrowableOfType(AiUnavailableException.class, call);
    }
}
