package io.atrium.identity.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.identity.FiredEvents;
import io.atrium.identity.MutableClock;
import io.atrium.identity.events.UnsolicitedSignInCallback;
import io.atrium.identity.internal.oidc.UnsolicitedCallback;

class UnsolicitedCallbacksTest {

    private final Logger log = Logger.getLogger(UnsolicitedCallbacks.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler keepLines = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final FiredEvents<UnsolicitedSignInCallback> counted = new FiredEvents<>();
    private final UnsolicitedCallbacks callbacks = new UnsolicitedCallbacks(counted, clock);

    @BeforeEach
    void listen() {
        log.addHandler(keepLines);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(keepLines);
    }

    @Test
    void a_flood_of_unsolicited_callbacks_is_counted_each_but_logged_once_a_minute_with_the_count_since() {
        for (int i = 0; i < 5000; i++) {
            callbacks.count(new UnsolicitedCallback("access_denied", "AADSTS50105: forged by someone"));
        }
        clock.advance(Duration.ofSeconds(30));
        callbacks.count(new UnsolicitedCallback("access_denied", "AADSTS50105"));
        assertThat(lines).singleElement().asString().contains(": 1 since");

        clock.advance(Duration.ofSeconds(31));
        callbacks.count(new UnsolicitedCallback("access_denied", "AADSTS50105"));

        assertThat(counted.fired()).as("each one, for the metric").hasSize(5002);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(": 5001 since the previous such line")
                .contains("error access_denied AADSTS50105").doesNotContain("forged by someone");
    }

    @Test
    void only_an_oauth_shaped_error_code_and_an_aadsts_number_of_the_callers_text_reach_the_log() {
        callbacks.count(new UnsolicitedCallback("access_denied\nFAKE LOG LINE user=admin@bank.example",
                "AADSTS50105: user admin@bank.example\r\nINFO: sign-in succeeded"));

        assertThat(lines).singleElement().asString()
                .contains("error (not an OAuth error code) AADSTS50105")
                .doesNotContain("admin@bank.example").doesNotContain("FAKE").doesNotContain("\n");
    }
}
