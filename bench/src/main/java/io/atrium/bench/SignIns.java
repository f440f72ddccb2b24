package io.atrium.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.atrium.standins.Truststores;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.postgres.PostgresStandIn;

/**
 * Item 4, sign-in throughput: complete OpenID Connect sign-ins per second, driven without a browser by several
 * clients at once, each sign-in a new browser: Atrium's page, Entra's authorize endpoint choosing the demo account,
 * Atrium's callback (code redeemed at Entra, ID token checked, session, user upserted and login event recorded) and
 * its redirect back to the page. The baseline is the Entra stand-in alone doing its part of the same dance (the
 * account chosen at authorize, the code redeemed), so the report says who is the limit. SQL statements per sign-in
 * are counted at PostgreSQL (pg_stat_statements), less what Atrium runs idle for as long.
 */
final class SignIns {

    private static final double TARGET_PER_SECOND = 200;
    private static final double TARGET_STATEMENTS = 3;

    private final Settings settings;
    private final int clients = Integer.getInteger("bench.signin-clients", 8);
    private final String base;
    private final EntraStandIn entra;
    private final PostgresStandIn postgres;
    private final HttpClient http;

    SignIns(Settings settings, String base, EntraStandIn entra, PostgresStandIn postgres) {
        this.settings = settings;
        this.base = base;
        this.entra = entra;
        this.postgres = postgres;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(Truststores.trusting(entra.truststore(), entra.truststorePassword()))
                .build();
    }

    List<Figure> run() throws IOException, InterruptedException, SQLException {
        signInThroughAtrium();
        requireSignedIn();
        int half = Math.max(1, settings.warmupSeconds() / 2);
        System.out.printf(Locale.ROOT, "[bench] signin: warming up for %d s, %d clients%n", half * 2, clients);
        load(half, this::signInThroughAtrium);
        load(half, entraAlone());

        postgres.resetStatementCounts();
        Thread.sleep(settings.seconds() * 1000L);
        long idleStatements = total(postgres.statementsRun());

        double[] atriumRates = new double[settings.rounds()];
        double[] entraRates = new double[settings.rounds()];
        double[] ratios = new double[settings.rounds()];
        Map<String, Long> statements = new LinkedHashMap<>();
        long signIns = 0;
        int errors = 0;
        String firstError = null;
        for (int round = 0; round < settings.rounds(); round++) {
            postgres.resetStatementCounts();
            Load atrium = load(settings.seconds(), this::signInThroughAtrium);
            postgres.statementsRun().forEach((sql, calls) -> statements.merge(sql, calls, Long::sum));
            Load alone = load(settings.seconds(), entraAlone());
            signIns += atrium.completed();
            errors += atrium.errors() + alone.errors();
            firstError = firstError != null ? firstError : atrium.firstError() != null ? atrium.firstError()
                    : alone.firstError();
            atriumRates[round] = atrium.perSecond();
            entraRates[round] = alone.perSecond();
            ratios[round] = atrium.perSecond() / alone.perSecond();
            System.out.printf(Locale.ROOT, "[bench] signin: round %d: Atrium %.1f/s, Entra stand-in alone %.1f/s%s%n",
                    round + 1, atrium.perSecond(), alone.perSecond(),
                    atrium.errors() + alone.errors() == 0 ? "" : ", errors " + (atrium.errors() + alone.errors()));
        }
        double idleShare = idleStatements * (double) settings.rounds();
        double perSignIn = (total(statements) - idleShare) / signIns;
        printStatements(statements, signIns);

        double rate = Stats.median(atriumRates);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("signin", "complete sign-ins per second, " + clients + " clients",
                Figure.number(rate, 1), Figure.number(Stats.median(entraRates), 1)
                + " Entra stand-in alone (login + code redeemed)", Figure.ratio(Stats.median(ratios)),
                ">= " + Figure.number(TARGET_PER_SECOND, 0) + "/s", Figure.Verdict.of(rate >= TARGET_PER_SECOND)));
        figures.add(new Figure("signin", "SQL statements per sign-in (PostgreSQL's count)", Figure.number(perSignIn, 2),
                idleStatements + " in " + settings.seconds() + " s idle, subtracted", "",
                "<= " + Figure.number(TARGET_STATEMENTS, 0), Figure.Verdict.of(perSignIn <= TARGET_STATEMENTS)));
        long transactionControl = statements.entrySet().stream().filter(entry -> isTransactionControl(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        figures.add(Figure.info("signin", "of which BEGIN/COMMIT/ROLLBACK per sign-in",
                Figure.number(transactionControl / (double) signIns, 2), "", ""));
        if (errors > 0) {
            figures.add(new Figure("signin", "failed sign-ins", errors + " (" + firstError + ")", "", "", "0",
                    Figure.Verdict.MISSED));
        }
        return figures;
    }

    private static boolean isTransactionControl(String sql) {
        String keyword = sql.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return List.of("begin", "commit", "rollback", "savepoint", "release", "start").contains(keyword);
    }

    private static long total(Map<String, Long> statements) {
        return statements.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void printStatements(Map<String, Long> statements, long signIns) {
        System.out.printf(Locale.ROOT, "[bench] signin: statements per sign-in over %d sign-ins:%n", signIns);
        statements.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(entry -> System.out.printf(Locale.ROOT, "[bench]   %6.2f  %s%n",
                        entry.getValue() / (double) signIns, oneLine(entry.getKey())));
    }

    private static String oneLine(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() > 150 ? line.substring(0, 150) + "..." : line;
    }

    /** An employee's sign-in as a new browser: Atrium's page, Entra, Atrium's callback and its redirect back. */
    private Map<String, String> signInThroughAtrium() throws IOException {
        Map<String, String> cookies = new LinkedHashMap<>();
        URI start = URI.create(base + "/");
        HttpResponse<String> toEntra = send(HttpRequest.newBuilder(start).GET(), cookies);
        URI authorize = redirect(toEntra, "Atrium's page");
        if (!authorize.toString().startsWith(entra.issuer())) {
            throw new IOException("Atrium's page sent the browser to " + authorize + ", not to Entra");
        }
        HttpResponse<String> toCallback = send(HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username="
                        + URLEncoder.encode(DemoAccount.ERIN.username(), StandardCharsets.UTF_8))), cookies);
        URI callback = redirect(toCallback, "Entra's sign-in");
        HttpResponse<String> back = send(HttpRequest.newBuilder(callback).GET(), cookies);
        URI page = redirect(back, "Atrium's callback");
        if (!page.equals(start)) {
            throw new IOException("Atrium's callback sent the browser to " + page + " instead of " + start);
        }
        return cookies;
    }

    /** The session of a sign-in is one Atrium knows: the page it leads to greets the employee. */
    private void requireSignedIn() throws IOException {
        Map<String, String> cookies = signInThroughAtrium();
        HttpResponse<String> home = send(HttpRequest.newBuilder(URI.create(base + "/")).GET(), cookies);
        if (home.statusCode() != 200 || !home.body().contains(DemoAccount.ERIN.displayName())) {
            throw new IllegalStateException("After a sign-in Atrium's home page answered HTTP " + home.statusCode()
                    + " without greeting " + DemoAccount.ERIN.displayName());
        }
    }

    private SignIn entraAlone() {
        ThreadLocal<DemoSignIn> perClient = ThreadLocal.withInitial(() -> DemoSignIn.at(entra));
        return () -> {
            perClient.get().tokensFor(DemoAccount.ERIN);
            return Map.of();
        };
    }

    private static URI redirect(HttpResponse<String> response, String who) throws IOException {
        if (response.statusCode() < 300 || response.statusCode() > 399) {
            throw new IOException(who + " answered HTTP " + response.statusCode() + " instead of a redirect");
        }
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IOException(who + " redirected without a Location"));
        return response.uri().resolve(location);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies) throws IOException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // One jar for both sites is enough: Atrium's and Entra's cookies have different names.
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
                }
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@link #clients} threads signing in one after the other for {@code seconds}. */
    private Load load(int seconds, SignIn signIn) throws InterruptedException {
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long started = System.nanoTime();
        long end = started + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        signIn.once();
                        completed.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.getMessage());
                    }
                }
            }, "bench-sign-in-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Load(completed.get(), completed.get() / elapsed, errors.get(), firstError.get());
    }

    @FunctionalInterface
    private interface SignIn {
        Map<String, String> once() throws IOException;
    }

    private record Load(int completed, double perSecond, int errors, String firstError) {
    }
}
