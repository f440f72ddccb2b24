package io.atrium.web.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.atrium.ai.AiConfiguration;

/**
 * Ready only while Atrium can authenticate to Azure OpenAI: in {@code api-key} mode the key is there, in the token
 * modes Entra gives a token for Cognitive Services ({@link AiConfiguration#probe()}). Without it no employee can chat.
 *
 * <p>The answer is kept for {@link #ANSWER_KEPT}, so that every pod's probes every few seconds do not each ask Entra;
 * and a probe waits at most {@link #LONGEST_WAIT} for Entra (which may take far longer to fail) before it answers
 * DOWN, leaving the request under way for the next probe to collect.
 */
@Readiness
@ApplicationScoped
public class AiCredentialCheck implements HealthCheck {

    static final Duration ANSWER_KEPT = Duration.ofSeconds(10);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(3);

    private final HealthAnswer answer = new HealthAnswer("ai-credential");
    private final Clock clock = Clock.systemUTC();
    private Optional<String> lastProblem = Optional.empty();
    private Instant keptUntil = Instant.MIN;
    private CompletableFuture<Optional<String>> probing;

    @Inject
    AiConfiguration ai;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Override
    public HealthCheckResponse call() {
        return answer.of(problem());
    }

    private synchronized Optional<String> problem() {
        Instant now = clock.instant();
        if (now.isBefore(keptUntil)) {
            return lastProblem;
        }
        if (probing == null) {
            probing = CompletableFuture.supplyAsync(ai::probe, executor);
        }
        try {
            Optional<String> problem = probing.get(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return keep(problem, now);
        } catch (TimeoutException e) {
            return Optional.of("no answer from Entra within " + LONGEST_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return keep(Optional.of(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage()), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while waiting for Entra");
        }
    }

    private Optional<String> keep(Optional<String> problem, Instant now) {
        probing = null;
        lastProblem = problem;
        keptUntil = now.plus(ANSWER_KEPT);
        return problem;
    }
}
