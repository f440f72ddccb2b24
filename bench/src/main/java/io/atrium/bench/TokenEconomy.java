package io.atrium.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.tokens.TrustedIssuer;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.payara.PayaraMicroProcess;

/**
 * Item 3, token economy: how many requests reach the Entra stand-in's token endpoint while Atrium answers many AI
 * calls, with Azure OpenAI reached by Atrium's own token ({@code entra}) and by each employee's token exchanged on
 * their behalf ({@code on-behalf-of}). The baseline is what a perfect cache needs: one token per token lifetime (less
 * Atrium's refresh margin) that the run spans, per user for on-behalf-of. Tokens are made short-lived for the run so
 * that it spans several lifetimes; Azure OpenAI's stand-in then takes Entra tokens only.
 */
final class TokenEconomy {

    private static final double TARGET_RATIO = 1.0;
    private static final String OBO_GRANT = EntraStandIn.ON_BEHALF_OF_GRANT;

    private final int calls = Integer.getInteger("bench.token-calls", 10_000);
    private final int users = Integer.getInteger("bench.token-users", 5);
    private final int clients = Integer.getInteger("bench.token-clients", 8);
    private final int lifetimeSeconds = Integer.getInteger("bench.token-lifetime-seconds", 60);
    private final int marginSeconds = Integer.getInteger("bench.token-refresh-margin-seconds", 20);

    /** How to launch Atrium with some settings changed, in a directory of its own. */
    interface Launcher {
        PayaraMicroProcess.Builder with(Map<String, String> settings, Path workDirectory);
    }

    List<Figure> run(EntraStandIn entra, Launcher launcher, Path directory) throws Exception {
        List<Figure> figures = new ArrayList<>();
        entra.tokenEndpointLifetime(Duration.ofSeconds(lifetimeSeconds));
        try (AzureOpenAiStandIn tokensOnly = AzureOpenAiStandIn.startRequiringEntra(0, new TrustedIssuer(
                entra.issuer(), entra.clientId(), entra.truststore(), entra.truststorePassword()))) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("azure.openai.endpoint", tokensOnly.endpoint());
            settings.put("atrium.token-cache.refresh-margin-seconds", Integer.toString(marginSeconds));

            settings.put("atrium.ai.credential", "entra");
            List<String> oneCaller = List.of(employeeToken(entra, 0));
            Run app = measure("entra", entra, "client_credentials", launcher.with(settings,
                    directory.resolve("payara-entra")), tokensOnly, oneCaller);
            figures.add(figure("entra mode: token requests per 10 000 AI calls", app, 10_000.0 / calls));

            settings.put("atrium.ai.credential", "on-behalf-of");
            List<String> employees = new ArrayList<>();
            for (int user = 0; user < users; user++) {
                employees.add(employeeToken(entra, user));
            }
            Run obo = measure("on-behalf-of", entra, OBO_GRANT, launcher.with(settings,
                    directory.resolve("payara-obo")), tokensOnly, employees);
            figures.add(figure("on-behalf-of: token requests per user (" + users + " users, "
                    + calls / users + " calls each)", obo, 1.0 / users));
        } finally {
            entra.tokenEndpointLifetime(Duration.ofHours(1));
        }
        return figures;
    }

    private Figure figure(String what, Run run, double scale) {
        // A perfect cache fetches once, then again each time a token reaches its refresh margin.
        long needed = 1 + (long) Math.floor(run.seconds() / (lifetimeSeconds - marginSeconds));
        double perfect = needed * (run.callers() * scale);
        double measured = run.requests() * scale;
        String errors = run.errors() == 0 ? "" : ", " + run.errors() + " calls failed: " + run.firstError();
        return new Figure("tokens", what, Figure.number(measured, 1) + " (" + run.requests() + " for " + calls
                + " calls in " + Figure.number(run.seconds(), 0) + " s" + errors + ")",
                Figure.number(perfect, 1) + " one per lifetime (" + lifetimeSeconds + " s, refreshed " + marginSeconds
                        + " s early)", Figure.ratio(measured / perfect), "<= " + Figure.ratio(TARGET_RATIO),
                Figure.Verdict.of(run.errors() == 0 && measured <= perfect * TARGET_RATIO));
    }

    /** Atrium started with the settings; {@link #calls} streamed chats shared out over the callers' tokens. */
    private Run measure(String mode, EntraStandIn entra, String grantType, PayaraMicroProcess.Builder atrium,
                        AzureOpenAiStandIn tokensOnly, List<String> callers) throws Exception {
        try (PayaraMicroProcess payara = atrium.start()) {
            payara.awaitReady(Duration.ofMinutes(4));
            long before = entra.tokenRequests(grantType);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            AtomicReference<String> firstError = new AtomicReference<>();
            long started = System.nanoTime();
            // The calls' span ends with the last answered call: a call that hangs must not stretch it.
            AtomicLong lastAnswered = new AtomicLong(started);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Thread thread = new Thread(() -> {
                    try (StreamingChat chat = new StreamingChat(payara.port())) {
                        for (int call = next.getAndIncrement(); call < calls; call = next.getAndIncrement()) {
                            StreamingChat.Outcome outcome = chat.post("/api/v1/chat/completions",
                                    Map.of("Authorization", "Bearer " + callers.get(call % callers.size())),
                                    ("{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Question "
                                            + call + "\"}]}").getBytes(StandardCharsets.UTF_8));
                            if (outcome.ok()) {
                                lastAnswered.accumulateAndGet(System.nanoTime(), Math::max);
                            } else {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, outcome.error());
                            }
                        }
                    }
                }, "bench-token-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (lastAnswered.get() - started) / 1e9;
            long requests = entra.tokenRequests(grantType) - before;
            System.out.printf(Locale.ROOT, "[bench] tokens: %s mode: %d calls in %.1f s, %d token requests (%s), "
                    + "%d errors%s%n", mode, calls, seconds, requests, grantType, errors.get(),
                    firstError.get() == null ? "" : ", first: " + firstError.get());
            return new Run(requests, seconds, callers.size(), errors.get(), firstError.get());
        }
    }

    /** An employee's access token for Atrium's API, as Entra issues them; user 0 and up are different people. */
    private static String employeeToken(EntraStandIn entra, int user) {
        String oid = UUID.nameUUIDFromBytes(("bench-employee-" + user).getBytes(StandardCharsets.UTF_8)).toString();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", entra.clientId());
        claims.put("sub", "bench-subject-" + user);
        claims.put("oid", oid);
        claims.put("tid", entra.tenantId());
        claims.put("preferred_username", "bench" + user + "@atrium.example");
        claims.put("name", "Bench Employee " + user);
        claims.put("azp", entra.clientId());
        claims.put("scp", EntraStandIn.API_SCOPE);
        claims.put("roles", List.of("employee"));
        claims.put("ver", "2.0");
        return entra.mint(claims, Duration.ofHours(2));
    }

    /** One mode's run: token requests that reached Entra, how long the calls took, by how many callers. */
    private record Run(long requests, double seconds, int callers, int errors, String firstError) {
    }
}
