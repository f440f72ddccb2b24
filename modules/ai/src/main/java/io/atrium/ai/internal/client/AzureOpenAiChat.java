package io.atrium.ai.internal.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatStream;
import io.atrium.ai.ChatStreamListener;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.ContentFilterFindings;
import io.atrium.ai.internal.credential.ApiKeyCredential;
import io.atrium.ai.internal.credential.AppTokenCredential;
import io.atrium.ai.internal.credential.AzureOpenAiCredential;
import io.atrium.ai.internal.credential.OnBehalfOfCredential;
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
 * <p>Why the JDK's {@link HttpClient} and not a MicroProfile REST client here: a streamed answer must reach the
 * employee line by line as Azure sends it and be abortable by the stop button, with a first-byte timeout and a
 * silence timeout. The JDK client hands over lines as they arrive ({@code BodySubscribers.fromLineSubscriber}) on
 * its own threads without blocking a request thread, aborts the exchange when its subscription or future is
 * cancelled, and applies a request timeout up to the response headers; Jersey's MicroProfile client offers SSE only
 * as a reactive publisher without a way to abort the underlying connection or a per-event timeout. One client then
 * serves the whole answers too, so both paths share credentials, retries and error mapping.
 */
@ApplicationScoped
public class AzureOpenAiChat {

    private static final Logger LOG = Logger.getLogger(AzureOpenAiChat.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();

    private final AzureOpenAiSettings settings;
    private final AzureOpenAiCredential credential;
    private final HttpClient http;
    private final ScheduledExecutorService timers;
    private final RetryPolicy retries;
    private final CircuitBreakers breakers;

    @Inject
    public AzureOpenAiChat(AzureOpenAiSettings settings, Instance<AccessTokens> accessTokens) {
        this(settings, credentialFor(settings, accessTokens));
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
        this.http = null;
        this.timers = null;
        this.retries = null;
        this.breakers = null;
    }

    @PreDestroy
    void close() {
        timers.shutdownNow();
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
        String body = JSONB.toJson(new ChatCompletionRequest(model(deployment), messages(conversation),
                temperature.orElse(null), maxTokens.orElse(null), false, null));
        long started = System.nanoTime();
        RetryPolicy.Attempts attempts = retries.start();
        boolean challengeAnswered = false;
        while (true) {
            HttpHeaders failedHeaders = null;
            AiUnavailableException failure;
            try {
                breakers.admit(deployment);
                HttpResponse<String> response = http.send(request(caller, deployment, body),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200) {
                    breakers.succeeded(deployment);
                    ChatReply reply = toReply(parse(response.body()), deployment);
                    logCompleted("chat completion", deployment, started, attempts, reply);
                    return reply;
                }
                Optional<String> challenge = claimsChallenge(response);
                if (challenge.isPresent() && !challengeAnswered) {
                    challengeAnswered = true;
                    answerChallenge(caller, deployment, challenge.get());
                    continue;
                }
                failedHeaders = response.headers();
                failure = AzureOpenAiErrors.fromResponse(response.statusCode(), response.body(),
                        response.headers().firstValue("Retry-After").orElse(null),
                        response.headers().firstValue("retry-after-ms").orElse(null));
                breakers.failed(deployment, failure);
            } catch (IOException noAnswer) {
                failure = AzureOpenAiErrors.fromNoAnswer(noAnswer);
                breakers.failed(deployment, failure);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                failure = AiUnavailableException.noAnswer(Kind.TIMEOUT, "interrupted while waiting for Azure", null);
            } catch (AiUnavailableException refused) {
                // No credential, an open breaker, or an unusable 200 (content filter): final, nothing to retry.
                logFailed("chat completion", deployment, started, attempts, refused);
                throw refused;
            }
            Optional<Duration> pause = attempts.after(failure, failedHeaders);
            if (pause.isEmpty()) {
                logFailed("chat completion", deployment, started, attempts, failure);
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
    static Optional<String> claimsChallenge(HttpResponse<?> response) {
        return response.statusCode() == 401
                ? response.headers().firstValue("WWW-Authenticate").flatMap(ClaimsChallenge::claimsOf)
                : Optional.empty();
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
        credential.authenticate(request, caller);
        return request.build();
    }

    void logCompleted(String what, String deployment, long startedNanos, RetryPolicy.Attempts attempts,
                      ChatReply reply) {
        LOG.log(Level.INFO, "Azure OpenAI {0}: deployment={1}, outcome={2}, latency={3} ms, retries={4}, "
                + "prompt tokens={5}, completion tokens={6}{7}", new Object[] {what, deployment,
                reply.finishReason(), millisSince(startedNanos), String.valueOf(attempts.retries()),
                String.valueOf(reply.promptTokens()), String.valueOf(reply.completionTokens()),
                reply.filters().summary().isEmpty() ? "" : ", filters " + reply.filters().summary()});
    }

    void logFailed(String what, String deployment, long startedNanos, RetryPolicy.Attempts attempts,
                   AiUnavailableException failure) {
        LOG.log(Level.WARNING, "Azure OpenAI {0} failed: deployment={1}, status={2}, latency={3} ms, retries={4}, "
                + "{5}", new Object[] {what, deployment, failure.upstreamStatus().isPresent()
                ? String.valueOf(failure.upstreamStatus().getAsInt()) : "none", millisSince(startedNanos),
                String.valueOf(attempts.retries()), failure.getMessage()});
    }

    static String millisSince(long startedNanos) {
        return String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
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

    private static ChatCompletion parse(String body) {
        try {
            return JSONB.fromJson(body, ChatCompletion.class);
        } catch (JsonbException notJson) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR,
                    "Azure OpenAI answered 200 with a body that is not a chat completion");
        }
    }

    /** The first choice as a reply; Atrium never asks for more than one ({@code n} is not sent). */
    static ChatReply toReply(ChatCompletion completion, String deployment) {
        if (completion == null || completion.choices() == null || completion.choices().isEmpty()) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR,
                    "Azure OpenAI answered without a choice" + idOf(completion));
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        ContentFilterFindings findings = findings(completion, choice);
        if ("content_filter".equals(choice.finishReason()) || findings.completionFiltered()) {
            throw AiUnavailableException.contentFiltered(200, "Azure OpenAI's content filter stopped the answer ("
                    + findings.summary() + ")" + idOf(completion), findings);
        }
        if (choice.message() == null || choice.message().content() == null) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR, "Azure OpenAI answered without "
                    + "content, finish_reason " + choice.finishReason() + idOf(completion));
        }
        ChatCompletion.Usage usage = completion.usage();
        return new ChatReply(choice.message().content(), choice.finishReason(),
                usage == null || usage.promptTokens() == null ? 0 : usage.promptTokens(),
                usage == null || usage.completionTokens() == null ? 0 : usage.completionTokens(),
                deployment, completion.model(), findings);
    }

    private static ContentFilterFindings findings(ChatCompletion completion, ChatCompletion.Choice choice) {
        Map<String, String> prompt = new HashMap<>();
        if (completion.promptFilterResults() != null) {
            completion.promptFilterResults().stream()
                    .filter(result -> result.contentFilterResults() != null)
                    .forEach(result -> FilterFindings.addTo(prompt, result.contentFilterResults()));
        }
        Map<String, String> answer = new HashMap<>();
        if (choice.contentFilterResults() != null) {
            FilterFindings.addTo(answer, choice.contentFilterResults());
        }
        return new ContentFilterFindings(prompt, answer);
    }

    private static String idOf(ChatCompletion completion) {
        return completion == null || completion.id() == null ? "" : " (id " + completion.id() + ")";
    }

    private static AzureOpenAiCredential credentialFor(AzureOpenAiSettings settings,
                                                       Instance<AccessTokens> accessTokens) {
        settings.requireUsable();
        return switch (settings.credential()) {
            case API_KEY -> new ApiKeyCredential(settings.apiKey());
            case ENTRA -> new AppTokenCredential(accessTokens.get(), AzureOpenAiSettings.COGNITIVE_SERVICES_SCOPE);
            case ON_BEHALF_OF -> new OnBehalfOfCredential(accessTokens.get(),
                    AzureOpenAiSettings.COGNITIVE_SERVICES_SCOPE);
        };
    }
}
