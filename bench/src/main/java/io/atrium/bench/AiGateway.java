package io.atrium.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.atrium.standins.LocalPeers;

/**
 * Item 2, AI gateway overhead: the first token of a streamed chat through Atrium's
 * {@code POST /api/v1/chat/completions} against the same chat sent straight to the Azure OpenAI stand-in, in
 * alternating sequential pairs after a warm-up; then a burst of concurrent streamed chats, through Atrium and direct.
 */
final class AiGateway {

    private static final double TARGET_ADDED_MILLIS = 3;
    private static final String QUESTION = "How many days may a business trip to Zurich last before it needs approval?";

    private final Settings settings;
    private final int concurrency = Integer.getInteger("bench.ai-concurrency", 500);
    private final Side atrium;
    private final Side direct;

    /**
     * @param atriumPort    Atrium's HTTP port on localhost
     * @param bearerToken   an employee's access token for Atrium's API
     * @param standInPort   the Azure OpenAI stand-in's port on localhost
     * @param standInApiKey the key it accepts
     */
    AiGateway(Settings settings, int atriumPort, String bearerToken, int standInPort, String standInApiKey) {
        this.settings = settings;
        this.atrium = new Side("through Atrium", atriumPort, "/api/v1/chat/completions",
                Map.of("Authorization", "Bearer " + bearerToken),
                ("{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
        // Atrium puts its system prompt first; the direct call carries a system message too.
        this.direct = new Side("stand-in direct", standInPort, "/openai/deployments/" + LocalPeers.OPENAI_DEPLOYMENT
                + "/chat/completions?api-version=" + LocalPeers.OPENAI_API_VERSION, Map.of("api-key", standInApiKey),
                ("{\"stream\":true,\"messages\":[{\"role\":\"system\",\"content\":\"You are Atrium, an assistant for "
                        + "the bank's employees.\"},{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    List<Figure> run() throws InterruptedException {
        try (StreamingChat toAtrium = new StreamingChat(atrium.port());
             StreamingChat toStandIn = new StreamingChat(direct.port())) {
            requireOk(atrium, toAtrium);
            requireOk(direct, toStandIn);
            System.out.printf(Locale.ROOT, "[bench] ai: warming up for %d s%n", settings.warmupSeconds());
            pairs(toAtrium, toStandIn, settings.warmupSeconds());
            int seconds = settings.seconds() * settings.rounds();
            System.out.printf(Locale.ROOT, "[bench] ai: sequential streamed chats for %d s%n", seconds);
            Pairs measured = pairs(toAtrium, toStandIn, seconds);
            System.out.printf(Locale.ROOT, "[bench] ai: %d pairs; first token min/median/p95 ms: through Atrium "
                    + "%s, direct %s%n", measured.atrium().size(), spread(measured.atrium()), spread(measured.direct()));
            List<Figure> figures = new ArrayList<>();
            figures.add(firstToken("first token, median of " + measured.atrium().size() + " sequential (ms)",
                    Stats.median(millis(measured.atrium())), Stats.median(millis(measured.direct()))));
            figures.add(firstToken("first token, p95 of the same (ms)", Stats.percentile(millis(measured.atrium()), 95),
                    Stats.percentile(millis(measured.direct()), 95)));
            if (measured.errors() > 0) {
                figures.add(new Figure("ai", "errors in the sequential chats", Integer.toString(measured.errors()),
                        "", "", "0", Figure.Verdict.MISSED));
            }
            Burst throughAtrium = burst(atrium);
            Burst straight = burst(direct);
            figures.add(new Figure("ai", concurrency + " concurrent streamed chats: errors",
                    Integer.toString(throughAtrium.errors()) + (throughAtrium.firstError() == null ? ""
                            : " (" + throughAtrium.firstError() + ")"),
                    straight.errors() + " " + direct.name(), "", "0", Figure.Verdict.of(throughAtrium.errors() == 0)));
            figures.add(Figure.info("ai", concurrency + " concurrent: all done in (s)",
                    Figure.number(throughAtrium.seconds(), 2), Figure.number(straight.seconds(), 2) + " "
                            + direct.name(), Figure.ratio(throughAtrium.seconds() / straight.seconds())));
            figures.add(Figure.info("ai", concurrency + " concurrent: first token p95 (ms)",
                    Figure.number(throughAtrium.firstTokenP95(), 1), Figure.number(straight.firstTokenP95(), 1) + " "
                            + direct.name(), Figure.difference(throughAtrium.firstTokenP95()
                            - straight.firstTokenP95(), 1, "ms")));
            figures.add(Figure.info("ai", concurrency + " concurrent: whole answer p95 (ms)",
                    Figure.number(throughAtrium.totalP95(), 1), Figure.number(straight.totalP95(), 1) + " "
                            + direct.name(), Figure.difference(throughAtrium.totalP95() - straight.totalP95(), 1,
                            "ms")));
            return figures;
        }
    }

    private Figure firstToken(String what, double atriumMillis, double directMillis) {
        double added = atriumMillis - directMillis;
        return new Figure("ai", what, Figure.number(atriumMillis, 2), Figure.number(directMillis, 2) + " "
                + direct.name(), Figure.difference(added, 2, "ms"), "<= +" + Figure.number(TARGET_ADDED_MILLIS, 0)
                + " ms", Figure.Verdict.of(added <= TARGET_ADDED_MILLIS));
    }

    private static void requireOk(Side side, StreamingChat chat) {
        StreamingChat.Outcome outcome = side.send(chat);
        if (!outcome.ok()) {
            throw new IllegalStateException("A streamed chat " + side.name() + " failed: " + outcome.error());
        }
    }

    /** Alternating pairs, each pair's order swapped from the last, so neither side always follows the other. */
    private Pairs pairs(StreamingChat toAtrium, StreamingChat toStandIn, int seconds) {
        Pairs pairs = new Pairs(new ArrayList<>(), new ArrayList<>(), new int[1]);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (boolean atriumFirst = true; System.nanoTime() < end; atriumFirst = !atriumFirst) {
            if (atriumFirst) {
                pairs.add(atrium.send(toAtrium), direct.send(toStandIn));
            } else {
                StreamingChat.Outcome straight = direct.send(toStandIn);
                pairs.add(atrium.send(toAtrium), straight);
            }
        }
        return pairs;
    }

    /** {@link #concurrency} chats released at once, each on a connection of its own. */
    private Burst burst(Side side) throws InterruptedException {
        List<StreamingChat.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                try (StreamingChat chat = new StreamingChat(side.port())) {
                    ready.countDown();
                    go.await();
                    outcomes.add(side.send(chat));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-chat-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        ready.await();
        long started = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<StreamingChat.Outcome> ok = outcomes.stream().filter(StreamingChat.Outcome::ok).toList();
        String firstError = outcomes.stream().filter(outcome -> !outcome.ok()).map(StreamingChat.Outcome::error)
                .findFirst().orElse(null);
        Burst burst = new Burst(concurrency - ok.size(), firstError, seconds,
                ok.isEmpty() ? Double.NaN : Stats.percentile(millis(ok), 95),
                ok.isEmpty() ? Double.NaN : Stats.percentile(ok.stream()
                        .mapToDouble(outcome -> outcome.totalNanos() / 1e6).toArray(), 95));
        System.out.printf(Locale.ROOT, "[bench] ai: %d concurrent chats %s: %d errors, %.2f s%s%n", concurrency,
                side.name(), burst.errors(), seconds, firstError == null ? "" : ", first error: " + firstError);
        return burst;
    }

    private static String spread(List<StreamingChat.Outcome> outcomes) {
        double[] millis = millis(outcomes);
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f", Stats.percentile(millis, 0.001), Stats.median(millis),
                Stats.percentile(millis, 95));
    }

    private static double[] millis(List<StreamingChat.Outcome> outcomes) {
        return outcomes.stream().mapToDouble(outcome -> outcome.firstTokenNanos() / 1e6).toArray();
    }

    /** Where a chat goes and what it carries. */
    private record Side(String name, int port, String path, Map<String, String> headers, byte[] body) {

        StreamingChat.Outcome send(StreamingChat chat) {
            return chat.post(path, headers, body);
        }
    }

    /** The successful chats of both sides; failed ones are counted. */
    private record Pairs(List<StreamingChat.Outcome> atrium, List<StreamingChat.Outcome> direct, int[] failures) {

        void add(StreamingChat.Outcome throughAtrium, StreamingChat.Outcome straight) {
            if (throughAtrium.ok() && straight.ok()) {
                atrium.add(throughAtrium);
                direct.add(straight);
            } else {
                failures[0]++;
            }
        }

        int errors() {
            return failures[0];
        }
    }

    private record Burst(int errors, String firstError, double seconds, double firstTokenP95, double totalP95) {
    }
}
