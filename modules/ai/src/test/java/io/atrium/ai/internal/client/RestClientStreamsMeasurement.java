package io.atrium.ai.internal.client;

import static io.atrium.ai.internal.client.AzureOpenAiChatAgainstStandInTest.CONVERSATION;
import static io.atrium.ai.internal.client.AzureOpenAiChatAgainstStandInTest.ERIN;
import static io.atrium.ai.internal.client.AzureOpenAiChatAgainstStandInTest.KEY;
import static io.atrium.ai.internal.client.AzureOpenAiChatAgainstStandInTest.chat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.InboundSseEvent;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.atrium.ai.ChatStream;
import io.atrium.ai.RecordingListener;
import io.atrium.ai.TestConfig;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.Fault;

/**
 * The measurement behind docs/decisions.md "Streamed answers on the JDK client": the MicroProfile REST Client's SSE
 * (a {@code Publisher<InboundSseEvent>}) against the JDK client Atrium streams with, on the same stand-in in the same
 * run. Not part of the suite (a measurement of libraries, not of Atrium); run it with
 * {@code ./mvnw -o -pl modules/ai test -Dtest=RestClientStreamsMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RestClientStreamsMeasurement {

    private static final int STREAMS = 500;
    private static final Duration PAUSE = Duration.ofMillis(400);

    @Path("/openai/deployments/gpt-4o-mini/chat/completions")
    public interface StreamingClient {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.SERVER_SENT_EVENTS)
        Publisher<InboundSseEvent> stream(@QueryParam("api-version") String apiVersion, String body);
    }

    @Test
    void threads_for_concurrent_streams_and_what_a_cancel_does_upstream() throws Exception {
        // The stand-in runs in this JVM with a thread per connection, so the per-name counts tell the clients apart.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (AzureOpenAiStandIn standIn = AzureOpenAiStandIn.start(0, KEY)) {
            String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Where do I find the travel policy?\"}],"
                    + "\"stream\":true}";
            AzureOpenAiChat jdk = chat(standIn.endpoint(), KEY);
            StreamingClient rest = RestClientBuilder.newBuilder().baseUri(URI.create(standIn.endpoint()))
                    .register((ClientRequestFilter) request -> request.getHeaders().putSingle("api-key", KEY))
                    .build(StreamingClient.class);
            String apiVersion = new AzureOpenAiSettings(TestConfig.apiKey(standIn.endpoint(), KEY, Map.of())).apiVersion();

            // Warm both clients once.
            jdk.stream(ERIN, "gpt-4o-mini", CONVERSATION, Optional.empty(), Optional.empty(),
                    new RecordingListener()).result().toCompletableFuture().get(10, TimeUnit.SECONDS);
            awaitAll(List.of(subscribe(rest, apiVersion, body, new AtomicInteger(), false)), 10);

            int before = threads.getThreadCount();
            for (int i = 0; i < STREAMS; i++) {
                standIn.failNext(Fault.slowEvents(PAUSE));
            }
            List<RecordingListener> listeners = new ArrayList<>();
            threads.resetPeakThreadCount();
            long started = System.nanoTime();
            for (int i = 0; i < STREAMS; i++) {
                RecordingListener listener = new RecordingListener();
                listeners.add(listener);
                jdk.stream(ERIN, "gpt-4o-mini", CONVERSATION, Optional.empty(), Optional.empty(), listener);
            }
            Thread.sleep(2000);
            System.out.println("JDK client threads mid-run: " + threadNames());
            for (RecordingListener listener : listeners) {
                listener.awaitEnd(Duration.ofSeconds(60));
            }
            System.out.printf("JDK client: %d streams in %d ms, threads before %d, peak %d%n", STREAMS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), before, threads.getPeakThreadCount());

            for (int i = 0; i < STREAMS; i++) {
                standIn.failNext(Fault.slowEvents(PAUSE));
            }
            before = threads.getThreadCount();
            threads.resetPeakThreadCount();
            started = System.nanoTime();
            AtomicInteger events = new AtomicInteger();
            List<CountDownLatch> ends = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                ends.add(subscribe(rest, apiVersion, body, events, false));
            }
            Thread.sleep(2000);
            System.out.println("REST Client threads mid-run: " + threadNames());
            awaitAll(ends, 60);
            System.out.printf("REST Client SSE: %d streams in %d ms (%d events), threads before %d, peak %d%n",
                    STREAMS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), events.get(), before,
                    threads.getPeakThreadCount());

            standIn.failNext(Fault.slowEvents(Duration.ofMillis(300)));
            long abandonedBefore = standIn.abandonedStreams();
            CountDownLatch cancelled = subscribe(rest, apiVersion, body, new AtomicInteger(), true);
            cancelled.await(10, TimeUnit.SECONDS);
            Thread.sleep(3000);
            System.out.printf("REST Client SSE: cancel after the first event: stand-in saw %d abandoned stream(s)%n",
                    standIn.abandonedStreams() - abandonedBefore);

            standIn.failNext(Fault.slowEvents(Duration.ofMillis(300)));
            abandonedBefore = standIn.abandonedStreams();
            RecordingListener stopped = new RecordingListener();
            ChatStream stream = jdk.stream(ERIN, "gpt-4o-mini", CONVERSATION, Optional.empty(), Optional.empty(),
                    stopped);
            while (stopped.deltas.isEmpty()) {
                Thread.sleep(10);
            }
            stream.cancel();
            Thread.sleep(3000);
            System.out.printf("JDK client: cancel after the first piece: stand-in saw %d abandoned stream(s)%n",
                    standIn.abandonedStreams() - abandonedBefore);
        }
    }

    /** Live threads by name without digits, sampled now. */
    private static Map<String, Long> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().collect(Collectors.groupingBy(
                t -> t.getName().replaceAll("[0-9]+", "#"), TreeMap::new,
                Collectors.counting()));
    }

    private static CountDownLatch subscribe(StreamingClient rest, String apiVersion, String body, AtomicInteger events,
                                            boolean cancelAfterFirst) {
        CountDownLatch end = new CountDownLatch(1);
        rest.stream(apiVersion, body).subscribe(new Subscriber<>() {
            private Subscription subscription;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(InboundSseEvent event) {
                events.incrementAndGet();
                if (cancelAfterFirst) {
                    subscription.cancel();
                    end.countDown();
                }
            }

            @Override
            public void onError(Throwable t) {
                System.out.println("REST Client SSE error: " + t);
                end.countDown();
            }

            @Override
            public void onComplete() {
                end.countDown();
            }
        });
        return end;
    }

    private static void awaitAll(List<CountDownLatch> ends, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (CountDownLatch end : ends) {
            end.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
