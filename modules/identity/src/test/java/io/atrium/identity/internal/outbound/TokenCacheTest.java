package io.atrium.identity.internal.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.atrium.identity.MutableClock;

class TokenCacheTest {

    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final List<Boolean> lookups = new CopyOnWriteArrayList<>();
    private final TokenCache<String> cache = new TokenCache<>(MARGIN, clock, lookups::add);
    private final AtomicInteger requests = new AtomicInteger();

    /** A token request that counts itself and gives a new token valid for an hour. */
    private final Supplier<IssuedToken> entra = () -> new IssuedToken("token-" + requests.incrementAndGet(),
            clock.instant().plus(Duration.ofHours(1)));

    @Test
    void each_lookup_is_counted_as_a_hit_when_a_token_is_reused_and_a_miss_when_entra_is_asked() {
        cache.get("api://reports/.default", entra);
        cache.get("api://reports/.default", entra);
        cache.get("api://other/.default", entra);
        clock.advance(Duration.ofMinutes(56));
        cache.get("api://reports/.default", entra);

        assertThat(lookups).containsExactly(false, true, false, false);
    }

    @Test
    void ten_calls_for_the_same_key_make_one_request() {
        List<IssuedToken> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(cache.get("api://reports/.default", entra));
        }

        assertThat(requests).hasValue(1);
        assertThat(tokens).extracting(IssuedToken::value).containsOnly("token-1");
    }

    @Test
    void different_keys_never_share_a_token() {
        IssuedToken first = cache.get("api://reports/.default", entra);
        IssuedToken second = cache.get("api://payments/.default", entra);

        assertThat(first.value()).isNotEqualTo(second.value());
        assertThat(requests).hasValue(2);
    }

    @Test
    void callers_arriving_while_a_token_is_requested_wait_for_that_one_request() throws Exception {
        CountDownLatch entraAnswers = new CountDownLatch(1);
        Supplier<IssuedToken> slowEntra = () -> {
            requests.incrementAndGet();
            await(entraAnswers);
            return new IssuedToken("shared", clock.instant().plus(Duration.ofHours(1)));
        };
        ExecutorService callers = Executors.newFixedThreadPool(10);
        List<Thread> threads = new ArrayList<>();
        try {
            List<Future<IssuedToken>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(callers.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return cache.get("api://reports/.default", slowEntra);
                }));
            }
            // Every caller is parked: one inside the request, nine waiting for it.
            pollUntil(() -> {
                synchronized (threads) {
                    return threads.size() == 10 && threads.stream().allMatch(TokenCacheTest::parked);
                }
            });

            entraAnswers.countDown();

            for (Future<IssuedToken> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).value()).isEqualTo("shared");
            }
            assertThat(requests).hasValue(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_token_is_requested_anew_once_it_is_within_the_refresh_margin_of_its_expiry() {
        IssuedToken first = cache.get("api://reports/.default", entra);

        clock.advance(Duration.ofHours(1).minus(MARGIN).minusSeconds(1));
        assertThat(cache.get("api://reports/.default", entra)).isSameAs(first);

        clock.advance(Duration.ofSeconds(1));
        IssuedToken renewed = cache.get("api://reports/.default", entra);

        assertThat(renewed.value()).isEqualTo("token-2");
        assertThat(cache.get("api://reports/.default", entra)).isSameAs(renewed);
        assertThat(requests).hasValue(2);
    }

    @Test
    void a_failed_request_is_not_kept_so_the_next_caller_asks_again() {
        RuntimeException refusal = new IllegalStateException("Entra is down");
        Supplier<IssuedToken> failing = () -> {
            requests.incrementAndGet();
            throw refusal;
        };

        assertThatThrownBy(() -> cache.get("api://reports/.default", failing)).isSameAs(refusal);
        IssuedToken token = cache.get("api://reports/.default", entra);

        assertThat(token.value()).isEqualTo("token-2");
    }

    @Test
    void expired_tokens_of_keys_nobody_asks_for_any_more_are_swept_out() {
        cache.get("api://reports/.default", entra);
        cache.get("api://payments/.default", entra);
        assertThat(cache.size()).isEqualTo(2);

        clock.advance(Duration.ofHours(2));
        cache.get("api://archive/.default", entra);

        assertThat(cache.size()).isEqualTo(1);
    }

    private static boolean parked(Thread thread) {
        return thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never let Entra answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pollUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
