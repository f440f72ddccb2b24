package io.atrium.ai.internal.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatStream;
import io.atrium.ai.ChatStreamListener;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.internal.credential.AzureOpenAiCredential;
import io.atrium.ai.internal.credential.CredentialHeader;
import io.atrium.ai.internal.resilience.CircuitBreakers;
import io.atrium.ai.internal.resilience.RetryPolicy;
import io.atrium.identity.AccessTokens;
import io.atrium.identity.ClaimsChallenge;

/**
 * The anti-corruption layer between Atrium and Azure OpenAI's chat completions: the module's records go out as
 * Azure's JSON, the answer comes back as a {@link ChatReply} (whole, or streamed piece by piece), and every failure as
 * an {@link AiUnavailableException}. Retries (429, 5xx) and a circuit breaker per deployment wrap each call. Each
 * call logs one line (deployment, status, latency, tokens, retries), never the credential or what was said.
 *
 * <p>Whole answers go through the MicroProfile REST Client {@link AzureOpenAiClient}; streamed ones through the JDK's
 * {@link HttpClient}, for the measured reasons in docs/decisions.md (abort on Stop, per-line silence timeout, no
 * thread per open stream). Both share the credential, retries, breaker and error mapping here.
 */
@ApplicationScoped
public class AzureOpenAiChat {

    private static final Logger LOG = Logger.getLogger(AzureOpenAiChat.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();

    private final AzureOpenAiSettings settings;
    private final AzureOpenAiCredential credential;
    private final AzureOpenAiClient client;
    private final HttpClient http;
    private final ScheduledExecutorService timers;
    private final RetryPolicy retries;
    private final CircuitBreakers breakers;

    @Inject
    public AzureOpenAiChat(AzureOpenAiSettings settings, Instance<AccessTokens> accessTokens) {
        this(settings, usable(settings).credential().credential(settings, accessTokens));
    }

    /**
     * The HTTP client runs on its own threads, not on the container's managed executor: that executor captured and
     * restored the Jakarta context at every hand-off of every streamed chunk, a fifth of the gateway's CPU. What needs
     * the container at the end of a call (the ledger entry) gets its context from the caller ({@code ChatService}).
     */
    public AzureOpenAiChat(AzureOpenAiSettings settings, AzureOpenAiCredential credential) {
        settings.requireUsable();
        this.settings = settings;
        this.credential = credential;
        this.client = RestClientBuilder.newBuilder()
                .baseUri(settings.endpoint())
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // A redirect could carry the key or token to another host.
                .followRedirects(false)
                // Every status comes back as a Response: retries, claims challenges and error mapping read it here.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(new CredentialFilter(credential), Priorities.AUTHENTICATION)
                .build(AzureOpenAiClient.class);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "atrium-ai-timers");
            thread.setDaemon(true);
            return thread;
        });
        this.retries = new RetryPolicy(settings.maxRateLimitRetries(), settings.retryBudget());
        this.breakers = new CircuitBreakers(settings.circuitFailures(), settings.circuitOpen(), Clock.systemUTC());
    }

    /** For CDI's proxy. */
    protected AzureOpenAiChat() {
        this.settings = null;
        this.credential = null;
        this.client = null;
        this.http = null;
        this.timers = null;
        this.retries = null;
        this.breakers = null;
    }

    private static AzureOpenAiSettings usable(AzureOpenAiSettings settings) {
        settings.requireUsable();
        return settings;
    }

    @PreDestroy
    void close() {
        timers.shutdownNow();
        try {
            // Every MicroProfile REST Client instance is AutoCloseable; closing frees its connections.
            ((AutoCloseable) client).close();
        } catch (Exception e) {
            LOG.fine(() -> "Closing the Azure OpenAI REST client failed: " + e);
        }
    }

    /** Gets a key or token now, as a call would; throws what a call would throw. */
    public void probeCredential() {
        credential.probe();
    }

    /**
     * Azure's whole answer to {@code conversation}, sent as it is (system prompt included).
     *
     * @throws AiUnavailableException for an error status after the retries, an answer that cannot be shown, or no
     *                                answer at all
     */
    public ChatReply complete(AiCaller caller, String deployment, List<ChatTurn> conversation, Optional<Integer> maxTokens,
                              Optional<Double> temperature) {
        ChatCompletionRequest request = new ChatCompletionRequest(model(deployment), messages(conversation),
                temperature.orElse(null), maxTokens.orElse(null), false, null);
        long started = System.nanoTime();
        RetryPolicy.Attempts attempts = retries.start();
        boolean challengeAnswered = false;
        while (true) {
            HttpHeaders failedHeaders = null;
            AiUnavailableException failure;
            try {
                breakers.admit(deployment);
                try (Response response = CredentialFilter.callingAs(caller, () -> send(deployment, request))) {
                    if (response.getStatus() == 200) {
                        breakers.succeeded(deployment);
                        ChatReply reply = WholeAnswers.reply(read(response), deployment);
                        CallLog.completed("chat completion", deployment, started, attempts, reply);
                        return reply;
                    }
                    Optional<String> challenge = claimsChallenge(response.getStatus(),
                            response.getHeaderString("WWW-Authenticate"));
                    if (challenge.isPresent() && !challengeAnswered) {
                        challengeAnswered = true;
                        answerChallenge(caller, deployment, challenge.get());
                        continue;
                    }
                    failedHeaders = AzureOpenAiErrors.headersOf(response);
                    failure = AzureOpenAiErrors.fromResponse(response.getStatus(), response.readEntity(String.class),
                            response.getHeaderString("Retry-After"), response.getHeaderString("retry-after-ms"));
                    breakers.failed(deployment, failure);
                }
            } catch (ProcessingException noAnswer) {
                Optional<AiUnavailableException> refusal = AzureOpenAiErrors.refusalIn(noAnswer);
                if (refusal.isPresent()) {
                    // The credential filter found no key or token: final, as below.
                    CallLog.failed("chat completion", deployment, started, attempts, refusal.get());
                    throw refusal.get();
                }
                failure = AzureOpenAiErrors.fromNoAnswer(noAnswer);
                breakers.failed(deployment, failure);
            } catch (AiUnavailableException refused) {
                // No credential, an open breaker, or an unusable 200 (content filter): final, nothing to retry.
                CallLog.failed("chat completion", deployment, started, attempts, refused);
                throw refused;
            }
            Optional<Duration> pause = attempts.after(failure, failedHeaders);
            if (pause.isEmpty()) {
                CallLog.failed("chat completion", deployment, started, attempts, failure);
                throw failure;
            }
            sleep(pause.get(), failure);
        }
    }

    /**
     * Azure's answer to {@code conversation}, streamed to {@code listener} as it arrives. The credential is obtained
     * on the calling thread; everything after runs on the HTTP client's threads.
     */
    public ChatStream stream(AiCaller caller, String deployment, List<ChatTurn> conversation,
                             Optional<Integer> maxTokens, Optional<Double> temperature, ChatStreamListener listener) {
        String body = JSONB.toJson(new ChatCompletionRequest(model(deployment), messages(conversation),
                temperature.orElse(null), maxTokens.orElse(null), true, new StreamOptions(true)));
        StreamingCall call = new StreamingCall(this, caller, deployment, body, listener);
        call.begin();
        return call;
    }

    HttpClient http() {
        return http;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    RetryPolicy retries() {
        return retries;
    }

    CircuitBreakers breakers() {
        return breakers;
    }

    Duration readTimeout() {
        return settings.readTimeout();
    }

    /**
     * Continuous Access Evaluation's claims challenge in a 401 (the token was revoked since Entra issued it), which
     * one new token asking for the claims answers; empty for any other answer.
     */
    static Optional<String> claimsChallenge(int status, String wwwAuthenticate) {
        return status == 401 && wwwAuthenticate != null ? ClaimsChallenge.claimsOf(wwwAuthenticate) : Optional.empty();
    }

    /**
     * Obtains the token the challenge asks for; the call is then made once more, not counted as a retry.
     *
     * @throws AiUnavailableException when no such token comes, {@code SIGN_IN_REQUIRED} when only the employee can help
     */
    void answerChallenge(AiCaller caller, String deployment, String claims) {
        LOG.info(() -> "Azure OpenAI answered deployment=" + deployment + " with a claims challenge for oid="
                + caller.objectId() + ": asking Entra for a new token");
        credential.answerChallenge(claims, caller);
    }

    /** The v1 API names the deployment in the body; the dated API in the path, with no model in the body. */
    private String model(String deployment) {
        return settings.v1Api() ? deployment : null;
    }

    /** A request with the one credential of the configured mode; the token (if any) is fetched here. */
    HttpRequest request(AiCaller caller, String deployment, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.chatCompletions(deployment))
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        CredentialHeader header = credential.header(caller);
        return request.setHeader(header.name(), header.value()).build();
    }

    private static List<ChatMessage> messages(List<ChatTurn> conversation) {
        return conversation.stream()
                .map(turn -> new ChatMessage(turn.role().name().toLowerCase(Locale.ROOT), turn.content()))
                .toList();
    }

    private static void sleep(Duration pause, AiUnavailableException failure) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private Response send(String deployment, ChatCompletionRequest request) {
        return settings.v1Api() ? client.complete(request)
                : client.complete(deployment, settings.apiVersion(), request);
    }

    private static ChatCompletion read(Response response) {
        try {
            return response.readEntity(ChatCompletion.class);
        } catch (ProcessingException notJson) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR,
                    "Azure OpenAI answered 200 with a body that is not a chat completion");
        }
    }
}
