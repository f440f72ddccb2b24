package io.atrium.ai.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatTurn;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.Fault;
import io.atrium.standins.openai.ReceivedRequest;

/**
 * The whole client path (settings, MicroProfile Rest Client as Payara's Jersey implements it, JSON-B, error mapping)
 * over real HTTP against the Azure OpenAI stand-in.
 */
class AzureOpenAiChatAgainstStandInTest {

    private static final String KEY = "stand-in-key-7f3a9c";
    private static final List<ChatTurn> CONVERSATION = List.of(new ChatTurn(ChatTurn.Role.SYSTEM, "Be brief."),
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
    void reply_comes_back_through_the_rest_client() {
        ChatReply reply = chat(standIn.endpoint(), "gpt-4o-mini", KEY).complete(CONVERSATION);

        assertThat(reply.content()).isEqualTo("Echo: Where do I find the travel policy?");
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.promptTokens()).isEqualTo(9);
        assertThat(reply.completionTokens()).isEqualTo(8);
        assertThat(reply.deployment()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void request_carries_the_key_the_api_version_and_azures_json() {
        chat(standIn.endpoint(), "gpt-4o", KEY).complete(CONVERSATION);

        ReceivedRequest received = standIn.received().get(0);
        assertThat(received.hasApiKey()).isTrue();
        assertThat(received.deployment()).hasValue("gpt-4o");
        assertThat(received.apiVersion()).hasValue("2024-10-21");
        assertThat(received.header("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(received.body()).contains("\"role\":\"system\"", "\"stream\":false")
                .doesNotContain("max_tokens").doesNotContain("stream_options");
    }

    @Test
    void wrong_key_is_unauthorized() {
        AiUnavailableException e = failureOf(
                () -> chat(standIn.endpoint(), "gpt-4o-mini", "wrong-key").complete(CONVERSATION));

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.upstreamStatus()).hasValue(401);
        assertThat(e.getMessage()).contains("Access denied").doesNotContain("wrong-key");
    }

    @Test
    void unknown_deployment_is_deployment_not_found() {
        AiUnavailableException e = failureOf(
                () -> chat(standIn.endpoint(), "gpt-5-turbo", KEY).complete(CONVERSATION));

        assertThat(e.kind()).isEqualTo(Kind.DEPLOYMENT_NOT_FOUND);
        assertThat(e.getMessage()).contains("DeploymentNotFound");
    }

    @Test
    void rate_limit_carries_retry_after() {
        standIn.failNext(Fault.rateLimited(Duration.ofSeconds(12)));

        AiUnavailableException e = failureOf(
                () -> chat(standIn.endpoint(), "gpt-4o-mini", KEY).complete(CONVERSATION));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).hasValue(12);
    }

    @Test
    void server_errors_are_upstream_errors() {
        standIn.failNext(Fault.internalServerError());
        standIn.failNext(Fault.serviceUnavailable());
        AzureOpenAiChat chat = chat(standIn.endpoint(), "gpt-4o-mini", KEY);

        assertThat(failureOf(() -> chat.complete(CONVERSATION)).kind())
                .isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(failureOf(() -> chat.complete(CONVERSATION)).kind())
                .isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(chat.complete(CONVERSATION).content()).startsWith("Echo: ");
    }

    @Test
    void closed_port_is_an_upstream_error() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        AiUnavailableException e = failureOf(
                () -> chat("http://localhost:" + closedPort, "gpt-4o-mini", KEY).complete(CONVERSATION));

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.upstreamStatus()).isEmpty();
    }

    @Test
    void silent_server_is_a_timeout() throws IOException {
        // The kernel accepts the connection into the backlog, and nobody ever answers.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AzureOpenAiSettings settings = new AzureOpenAiSettings(
                    Optional.of("http://localhost:" + silent.getLocalPort()), Optional.of("gpt-4o-mini"), "2024-10-21",
                    Optional.of(KEY), "api-key", 1000, 300, "");

            AiUnavailableException e = failureOf(() -> new AzureOpenAiChat(settings).complete(CONVERSATION));

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        }
    }

    private static AzureOpenAiChat chat(String endpoint, String deployment, String apiKey) {
        return new AzureOpenAiChat(new AzureOpenAiSettings(Optional.of(endpoint), Optional.of(deployment), "2024-10-21",
                Optional.of(apiKey), "api-key", 2000, 10000, ""));
    }

    private static AiUnavailableException failureOf(ThrowingCallable call) {
        return catchThrowableOfType(AiUnavailableException.class, call);
    }
}
