package io.atrium.standins.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Why the Azure OpenAI stand-in's streams are not served by WireMock (docs/decisions.md): serves a ten-event SSE answer
 * from a WireMock stub, paced with its chunked dribble delay, to the JDK client, and prints when each event arrived and
 * what WireMock recorded of a client that hung up after the first event. Not part of the suite (no *Test name); run
 * with {@code ./mvnw -o -pl modules/stand-ins test -Dtest=WireMockStreamsMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class WireMockStreamsMeasurement {

    private static final int EVENTS = 10;
    private static final int PACING_MS = 2_000;

    @Test
    void measure() throws Exception {
        List<String> completed = new CopyOnWriteArrayList<>();
        WireMockServer wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new ServeEventListener() {
                    @Override
                    public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
                        completed.add(serveEvent.getRequest().getUrl() + " answered "
                                + serveEvent.getResponse().getStatus() + " in "
                                + serveEvent.getTiming().getTotalTime() + " ms");
                    }

                    @Override
                    public String getName() {
                        return "completions";
                    }
                }));
        wireMock.start();
        try {
            StringBuilder sse = new StringBuilder();
            for (int i = 0; i < EVENTS; i++) {
                // Pieces of different lengths, as a model's tokens are.
                sse.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                        .append(("piece " + i + " ").repeat(1 + i % 4)).append("\"}}]}\n\n");
            }
            sse.append("data: [DONE]\n\n");
            for (String path : List.of("/read-all", "/hang-up")) {
                wireMock.stubFor(post(path).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody(sse.toString()).withChunkedDribbleDelay(EVENTS, PACING_MS)));
            }
            HttpClient http = HttpClient.newHttpClient();

            long start = System.nanoTime();
            List<String> arrivals = new ArrayList<>();
            try (InputStream body = http.send(request(wireMock, "/read-all"), HttpResponse.BodyHandlers.ofInputStream())
                    .body()) {
                byte[] buffer = new byte[8192];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    arrivals.add((System.nanoTime() - start) / 1_000_000 + " ms: "
                            + new String(buffer, 0, read, StandardCharsets.UTF_8).replace("\n", "\\n"));
                }
            }
            System.out.println("WireMock, " + EVENTS + " events dribbled over " + PACING_MS + " ms:");
            arrivals.forEach(arrival -> System.out.println("  " + arrival));

            try (InputStream body = http.send(request(wireMock, "/hang-up"), HttpResponse.BodyHandlers.ofInputStream())
                    .body()) {
                body.read(new byte[16]);
            }
            Thread.sleep(PACING_MS + 1_000);
            System.out.println("WireMock's record after the client hung up on the second stream: " + completed);
            System.out.println("its serve events: " + wireMock.getAllServeEvents().size()
                    + ", unmatched: " + wireMock.findAllUnmatchedRequests().size());
        } finally {
            wireMock.stop();
        }
    }

    private static HttpRequest request(WireMockServer wireMock, String path) {
        return HttpRequest.newBuilder(URI.create(wireMock.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}")).build();
    }
}
