package io.atrium.standins.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Answers {@code POST /openai/deployments/{deployment}/chat/completions?api-version=...}, and the v1 API's
 * {@code POST /openai/v1/chat/completions} (the deployment in the body's {@code model}), in the order Azure checks a
 * request: route and api-version present, credential, api-version supported, deployment known, then the body.
 * A scripted {@link Fault} replaces the answer of a request that got past the credential and route checks.
 */
final class ChatCompletionsHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ChatCompletionsHandler.class.getName());
    private static final Pattern CHAT_PATH = Pattern.compile("/openai/deployments/([^/]+)/chat/completions");
    /** Azure OpenAI's v1 API: no api-version, the deployment in the body's {@code model}. */
    private static final String V1_CHAT_PATH = "/openai/v1/chat/completions";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CredentialCheck credentials;
    private final Map<String, String> modelByDeployment;
    private final Set<String> apiVersions;
    private final Queue<Fault> faults;
    private final ReceivedRequests received;
    private final Clock clock;
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong abandonedStreams = new AtomicLong();

    ChatCompletionsHandler(CredentialCheck credentials, Map<String, String> modelByDeployment, Set<String> apiVersions,
                           Queue<Fault> faults, ReceivedRequests received, Clock clock) {
        this.credentials = credentials;
        this.modelByDeployment = Map.copyOf(modelByDeployment);
        this.apiVersions = Set.copyOf(apiVersions);
        this.faults = faults;
        this.received = received;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            answer(exchange);
        } catch (IOException hungUp) {
            // The client went away mid-answer (as clients do when they time out); there is no one left to tell.
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Azure OpenAI stand-in failed to answer " + exchange.getRequestURI(), e);
            if (exchange.getResponseCode() == -1) {
                sendQuietly(exchange, AzureError.internalServerError());
            }
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        Matcher chatPath = CHAT_PATH.matcher(uri.getPath());
        boolean v1 = V1_CHAT_PATH.equals(uri.getPath());
        Optional<String> deployment = chatPath.matches() ? Optional.of(chatPath.group(1))
                : v1 ? modelOf(body) : Optional.empty();
        Optional<String> apiVersion = queryParameter(uri, "api-version");
        received.add(new ReceivedRequest(exchange.getRequestMethod(), uri.getPath(), deployment, apiVersion,
                sanitizedHeaders(exchange), new String(body, StandardCharsets.UTF_8)));
        if (v1 && apiVersion.isEmpty()) {
            apiVersion = Optional.of("v1");
        }

        if ((deployment.isEmpty() && !v1) || apiVersion.isEmpty() || !"POST".equals(exchange.getRequestMethod())) {
            send(exchange, AzureError.resourceNotFound());
            return;
        }
        Optional<AzureError> refusal = credentials.refusal(exchange.getRequestHeaders());
        if (refusal.isPresent()) {
            send(exchange, refusal.get());
            return;
        }
        if (!v1 && !apiVersions.contains(apiVersion.get())) {
            send(exchange, AzureError.apiVersionNotSupported());
            return;
        }
        if (deployment.isEmpty()) {
            send(exchange, AzureError.invalidRequest("'model' is a required property"));
            return;
        }
        String model = modelByDeployment.get(deployment.get());
        if (model == null) {
            send(exchange, AzureError.deploymentNotFound());
            return;
        }
        Fault fault = faults.poll();
        if (fault == null) {
            fault = Fault.none();
        }
        AzureError faultError = fault.error(apiVersion.get());
        if (faultError != null) {
            send(exchange, faultError);
            return;
        }

        JsonNode request;
        try {
            request = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            send(exchange, AzureError.unparsableBody());
            return;
        }
        if (request == null || !request.isObject()) {
            send(exchange, AzureError.unparsableBody());
            return;
        }
        JsonNode messages = request.path("messages");
        if (!messages.isArray()) {
            send(exchange, AzureError.invalidRequest("'messages' is a required property"));
            return;
        }
        if (messages.isEmpty()) {
            send(exchange, AzureError.invalidRequest("[] is too short - 'messages'"));
            return;
        }

        EchoCompletion completion = new EchoCompletion(nextId(), clock.instant().getEpochSecond(), model, messages);
        pause(fault.firstByteDelay());
        if (request.path("stream").asBoolean(false)) {
            try {
                stream(exchange, completion, request.path("stream_options").path("include_usage").asBoolean(false),
                        fault);
            } catch (IOException hungUp) {
                abandonedStreams.incrementAndGet();
                throw hungUp;
            }
        } else {
            sendJson(exchange, 200, MAPPER.writeValueAsBytes(completion.completion(fault.filter())));
        }
    }

    private static Optional<String> modelOf(byte[] body) {
        try {
            JsonNode model = MAPPER.readTree(body).path("model");
            return model.isTextual() ? Optional.of(model.asText()) : Optional.empty();
        } catch (IOException | RuntimeException unparsable) {
            return Optional.empty();
        }
    }

    /** Streams that ended because the client closed the connection before {@code [DONE]}: a stop button working. */
    long abandonedStreams() {
        return abandonedStreams.get();
    }

    private void stream(HttpExchange exchange, EchoCompletion completion, boolean includeUsage, Fault fault)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("apim-request-id", UUID.randomUUID().toString());
        List<String> events = new ArrayList<>();
        for (JsonNode chunk : completion.chunks(includeUsage, fault.filter())) {
            events.add(MAPPER.writeValueAsString(chunk));
        }
        events.add("[DONE]");
        boolean cut = fault.cutAfterEvents() >= 0 && fault.cutAfterEvents() < events.size();
        // A cut connection is imitated by promising more bytes than are sent: closing the exchange then drops the
        // connection mid-body, as a broken network or a killed proxy would, where chunked encoding would end cleanly.
        exchange.sendResponseHeaders(200, cut ? Integer.MAX_VALUE : 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < events.size(); i++) {
            if (cut && i == fault.cutAfterEvents()) {
                return;
            }
            if (i > 0) {
                pause(fault.betweenEvents());
            }
            writeEvent(out, events.get(i));
        }
    }

    private static void pause(Duration duration) throws IOException {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stand-in stopped while pausing", e);
        }
    }

    private static void writeEvent(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, AzureError error) throws IOException {
        error.headers().forEach(exchange.getResponseHeaders()::set);
        sendJson(exchange, error.status(), MAPPER.writeValueAsBytes(error.body()));
    }

    private static void sendQuietly(HttpExchange exchange, AzureError error) {
        try {
            send(exchange, error);
        } catch (IOException hungUp) {
            // As in handle: nobody is listening any more.
        }
    }

    private static void sendJson(HttpExchange exchange, int status, byte[] json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("apim-request-id", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    private String nextId() {
        return String.format(Locale.ROOT, "chatcmpl-AtriumStandIn%016d", completions.incrementAndGet());
    }

    private static Map<String, List<String>> sanitizedHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            boolean secret = lowerCase.equals("api-key") || lowerCase.equals("authorization");
            headers.put(lowerCase, secret ? List.of("Sanitized") : List.copyOf(values));
        });
        return headers;
    }

    private static Optional<String> queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8))
                        .filter(value -> !value.isEmpty());
            }
        }
        return Optional.empty();
    }
}
