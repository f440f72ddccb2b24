package io.atrium.ai.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.RecordingListener;
import io.atrium.ai.TestConfig;
import io.atrium.ai.internal.credential.ApiKeyCredential;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.ReceivedRequest;

/** Whole answers over real HTTP against the Azure OpenAI stand-in, in api-key mode. */
class AzureOpenAiChatAgainstStandInTest {

    static final String KEY = "stand-in-key-7f3a9c";
    static final AiCaller ERIN = AiCaller.of("tenant-1", "oid-erin", Set.of("employee"));
    static final List<ChatTurn> CONVERSATION = List.of(new ChatTurn(ChatTurn.Role.SYSTEM, "Be brief."),
            ChatTurn.user("Where do I find the travel policy?"));

    private AzureOpenAiStandIn standIn;

    @BeforeEach
    void start() {
        standIn = AzureOpenAiStandIn.start(0, KEY);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void reply_comes_back_with_usage_and_model() {
        ChatReply reply = complete(chat(standIn.endpoint(), KEY), "gpt-4o-mini");

        assertThat(reply.content()).isEqualTo("Echo: Where do I find the travel policy?");
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.promptTokens()).isEqualTo(9);
        assertThat(reply.completionTokens()).isEqualTo(8);
        assertThat(reply.deployment()).isEqualTo("gpt-4o-mini");
        assertThat(reply.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(reply.filters().summary()).as("all safe").isEmpty();
    }

    @Test
    void request_carries_only_the_key_the_api_version_and_azures_json() {
        chat(standIn.endpoint(), KEY).complete(ERIN, "gpt-4o", CONVERSATION, Optional.of(100), Optional.of(0.2));

        ReceivedRequest received = standIn.received().get(0);
        assertThat(received.hasApiKey()).isTrue();
        assertThat(received.header("authorization")).isEmpty();
        assertThat(received.deployment()).hasValue("gpt-4o");
        assertThat(received.apiVersion()).hasValue("2024-10-21");
        assertThat(received.header("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(received.body()).contains("\"role\":\"system\"", "\"stream\":false", "\"max_tokens\":100",
                "\"temperature\":0.2").doesNotContain("stream_options");
    }

    @Test
    void with_the_v1_api_the_deployment_goes_in_the_body_and_no_api_version_is_sent() throws Exception {
        AzureOpenAiChat v1 = chat(standIn.endpoint(), KEY, Map.of("azure.openai.api-version", "v1"));

        ChatReply whole = v1.complete(ERIN, "gpt-4o", CONVERSATION, Optional.empty(), Optional.empty());
        RecordingListener streamed = new RecordingListener();
        v1.stream(ERIN, "gpt-4o-mini", CONVERSATION, Optional.empty(), Optional.empty(), streamed);

        assertThat(whole.content()).isEqualTo("Echo: Where do I find the travel policy?");
        assertThat(streamed.awaitEnd(Duration.ofSeconds(10)).reply().content())
                .isEqualTo("Echo: Where do I find the travel policy?");
        for (ReceivedRequest received : standIn.received()) {
            assertThat(received.path()).isEqualTo("/openai/v1/chat/completions");
            assertThat(received.apiVersion()).isEmpty();
        }
        assertThat(standIn.received().get(0).body()).contains("\"model\":\"gpt-4o\"");
        assertThat(standIn.received().get(1).body()).contains("\"model\":\"gpt-4o-mini\"");
        assertThat(chat(standIn.endpoint(), KEY).complete(ERIN, "gpt-4o", CONVERSATION, Optional.empty(),
                Optional.empty()).content()).startsWith("Echo:");
        assertThat(standIn.received().get(2).body()).as("the dated API names it in the path only")
                .doesNotContain("\"model\"");
    }

    @Test
    void wrong_key_is_unauthorized_and_the_key_is_not_in_the_message() {
        AiUnavailableException e = failureOf(() -> complete(chat(standIn.endpoint(), "wrong-key"), "gpt-4o-mini"));

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.upstreamStatus()).hasValue(401);
        assertThat(e.getMessage()).contains("Access denied").doesNotContain("wrong-key");
        assertThat(e.userMessage()).contains("administrator");
    }

    @Test
    void unknown_deployment_is_deployment_not_found() {
        AiUnavailableException e = failureOf(() -> complete(chat(standIn.endpoint(), KEY), "gpt-5-turbo"));

        assertThat(e.kind()).isEqualTo(Kind.DEPLOYMENT_NOT_FOUND);
        assertThat(e.getMessage()).contains("DeploymentNotFound");
        assertThat(e.userMessage()).contains("could not be found");
    }

    @Test
    void closed_port_is_an_upstream_error() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        AiUnavailableException e = failureOf(() -> complete(chat("http://localhost:" + closedPort, KEY),
                "gpt-4o-mini"));

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.upstreamStatus()).isEmpty();
    }

    @Test
    void silent_server_is_a_timeout() throws IOException {
        // The kernel accepts the connection into the backlog, and nobody ever answers.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AzureOpenAiChat chat = chat("http://localhost:" + silent.getLocalPort(), KEY,
                    Map.of("atrium.ai.read-timeout-ms", "300"));

            AiUnavailableException e = failureOf(() -> complete(chat, "gpt-4o-mini"));

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        }
    }

    static ChatReply complete(AzureOpenAiChat chat, String deployment) {
        return chat.complete(ERIN, deployment, CONVERSATION, Optional.empty(), Optional.empty());
    }

    static AzureOpenAiChat chat(String endpoint, String apiKey) {
        return chat(endpoint, apiKey, Map.of());
    }

    static AzureOpenAiChat chat(String endpoint, String apiKey, Map<String, String> settings) {
        return new AzureOpenAiChat(new AzureOpenAiSettings(TestConfig.apiKey(endpoint, apiKey, settings)),
                new ApiKeyCredential(apiKey));
    }

    static AiUnavailableException failureOf(ThrowingCallable call) {
        return catchThrowableOfType(AiUnavailableException.class, call);
    }
}
