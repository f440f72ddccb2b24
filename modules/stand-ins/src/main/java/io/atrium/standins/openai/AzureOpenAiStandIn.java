package io.atrium.standins.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

import io.atrium.standins.CriticalEvents;
import io.atrium.standins.tokens.TrustedIssuer;

/**
 * A local Azure OpenAI resource speaking the chat-completions REST API (api-version 2024-10-21, also 2024-06-01 and
 * 2024-02-01) with api-key authentication, bound to 127.0.0.1 only.
 * <p>
 * Its answers are deterministic: the assistant's reply is {@code "Echo: "} followed by the last user message, with
 * {@code finish_reason} {@code stop}, all-safe content-filter results, and word counts as token counts. With
 * {@code "stream": true} it sends the same reply as server-sent events, word by word, in the order the real service
 * does. Deployments {@code gpt-4o-mini} and {@code gpt-4o} exist; any other gives Azure's 404
 * {@code DeploymentNotFound}. A test can script failures with {@link #failNext(Fault)} and inspect what arrived with
 * {@link #received()}.
 */
public final class AzureOpenAiStandIn implements AutoCloseable {

    private static final Map<String, String> MODEL_BY_DEPLOYMENT =
            Map.of("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4o", "gpt-4o-2024-08-06");
    private static final Set<String> API_VERSIONS = Set.of("2024-02-01", "2024-06-01", "2024-10-21");
    private static final int REQUESTS_KEPT = 100;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ApiKeyCheck apiKeyCheck;
    private final EntraTokenCheck entraTokenCheck;
    private final ChatCompletionsHandler handler;
    private volatile String apiKey;
    private final Queue<Fault> faults;
    private final ReceivedRequests received;

    private AzureOpenAiStandIn(HttpServer server, ExecutorService executor, ApiKeyCheck apiKeyCheck,
                               EntraTokenCheck entraTokenCheck, ChatCompletionsHandler handler, String apiKey,
                               Queue<Fault> faults, ReceivedRequests received) {
        this.server = server;
        this.executor = executor;
        this.apiKeyCheck = apiKeyCheck;
        this.entraTokenCheck = entraTokenCheck;
        this.handler = handler;
        this.apiKey = apiKey;
        this.faults = faults;
        this.received = received;
    }

    /**
     * Starts a stand-in that accepts {@code apiKey} in the {@code api-key} header.
     *
     * @param port the port on 127.0.0.1, or 0 for any free one
     */
    public static AzureOpenAiStandIn start(int port, String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("The stand-in needs a non-blank api key to accept");
        }
        return start(port, new ApiKeyCheck(apiKey), null, apiKey);
    }

    /**
     * Starts a stand-in that, like a resource with key authentication disabled, accepts only Entra access tokens of
     * {@code tenant} for {@code https://cognitiveservices.azure.com} (signature against the tenant's JWKS, issuer,
     * audience, lifetime), and refuses any request that carries an {@code api-key}.
     */
    public static AzureOpenAiStandIn startRequiringEntra(int port, TrustedIssuer tenant) {
        return start(port, null, EntraTokenCheck.trusting(Objects.requireNonNull(tenant, "tenant"),
                Clock.systemUTC()), null);
    }

    private static AzureOpenAiStandIn start(int port, ApiKeyCheck apiKeyCheck, EntraTokenCheck entraTokenCheck,
                                            String apiKey) {
        Queue<Fault> faults = new ConcurrentLinkedQueue<>();
        ReceivedRequests received = new ReceivedRequests(REQUESTS_KEPT);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "azure-openai-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        ChatCompletionsHandler handler = new ChatCompletionsHandler(
                apiKeyCheck != null ? apiKeyCheck : entraTokenCheck, MODEL_BY_DEPLOYMENT, API_VERSIONS, faults,
                received, Clock.systemUTC());
        server.createContext("/", handler);
        server.start();
        return new AzureOpenAiStandIn(server, executor, apiKeyCheck, entraTokenCheck, handler, apiKey, faults,
                received);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The resource endpoint, as {@code AZURE_OPENAI_ENDPOINT} expects it: {@code http://localhost:PORT}. */
    public String endpoint() {
        return "http://localhost:" + port();
    }

    /** The key this stand-in accepts; null for one that requires Entra tokens. */
    public String apiKey() {
        return apiKey;
    }

    /** For a stand-in requiring Entra tokens: the {@code oid} of each accepted token's subject, oldest first. */
    public List<String> tokenCallers() {
        if (entraTokenCheck == null) {
            throw new IllegalStateException("This stand-in takes an api-key, not Entra tokens");
        }
        return entraTokenCheck.callers();
    }

    /**
     * For a stand-in requiring Entra tokens: Entra told this resource of a critical event for {@code oid} (the user
     * disabled, their sessions revoked); see {@link CriticalEvents} for what its tokens meet from now on.
     */
    public void criticalEvent(String oid) {
        if (entraTokenCheck == null) {
            throw new IllegalStateException("This stand-in takes an api-key, not Entra tokens");
        }
        entraTokenCheck.criticalEvents().revoke(oid);
    }

    /** How many streamed answers the client abandoned before {@code [DONE]} (closed the connection). */
    public long abandonedStreams() {
        return handler.abandonedStreams();
    }

    /**
     * Accepts only {@code newApiKey} from now on, as Azure does once a key is regenerated; callers still sending the
     * old key are refused with 401.
     */
    public void rotateApiKey(String newApiKey) {
        if (apiKeyCheck == null) {
            throw new IllegalStateException("This stand-in requires Entra tokens; it has no key to rotate");
        }
        apiKeyCheck.accept(Objects.requireNonNull(newApiKey, "newApiKey"));
        apiKey = newApiKey;
    }

    /**
     * Makes the next chat-completions request that passes the key, route and deployment checks fail with
     * {@code fault}. Calls queue up: each fault answers one request, in order.
     */
    public void failNext(Fault fault) {
        faults.add(Objects.requireNonNull(fault, "fault"));
    }

    /** The last requests received (at most 100), oldest first, whatever was answered to them. */
    public List<ReceivedRequest> received() {
        return received.snapshot();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Runs the stand-in alone: {@code AZURE_OPENAI_API_KEY} is the key it accepts (required),
     * {@code AZURE_OPENAI_STANDIN_PORT} its port (default 0, any free port; the endpoint is printed).
     */
    public static void main(String[] args) {
        String apiKey = System.getenv("AZURE_OPENAI_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            System.err.println("Set AZURE_OPENAI_API_KEY to the key the Azure OpenAI stand-in should accept.");
            System.exit(2);
        }
        String portSetting = System.getenv().getOrDefault("AZURE_OPENAI_STANDIN_PORT", "0");
        int port;
        try {
            port = Integer.parseInt(portSetting.strip());
        } catch (NumberFormatException e) {
            System.err.println("AZURE_OPENAI_STANDIN_PORT must be a port number, not '" + portSetting + "'.");
            System.exit(2);
            return;
        }
        AzureOpenAiStandIn standIn = start(port, apiKey);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "azure-openai-stand-in-stop"));
        System.out.println("Azure OpenAI stand-in listening at " + standIn.endpoint()
                + " (deployments " + new TreeSet<>(MODEL_BY_DEPLOYMENT.keySet()) + ", api-versions "
                + new TreeSet<>(API_VERSIONS) + ")");
    }
}
