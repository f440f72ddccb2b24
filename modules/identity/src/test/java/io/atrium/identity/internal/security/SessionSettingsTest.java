package io.atrium.identity.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SessionSettingsTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void a_session_ends_at_its_maximum_lifetime_however_active_it_was() {
        SessionSettings tenHours = new SessionSettings(30, 600, 300);

        assertThat(tenHours.outlived(SIGNED_IN, SIGNED_IN.plus(Duration.ofHours(9).plusMinutes(59)))).isFalse();
        assertThat(tenHours.outlived(SIGNED_IN, SIGNED_IN.plus(Duration.ofHours(10)))).isTrue();
    }

    @Test
    void the_idle_timeout_and_refresh_margin_are_given_in_the_units_the_container_and_the_clock_use() {
        SessionSettings settings = new SessionSettings(30, 600, 300);

        assertThat(settings.idleTimeoutSeconds()).isEqualTo(1800);
        assertThat(settings.refreshMargin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void a_lifetime_shorter_than_the_idle_timeout_is_a_configuration_problem() {
        assertThat(new SessionSettings(30, 10, 300).problems()).singleElement().asString()
                .startsWith("ATRIUM_SESSION_MAX_LIFETIME_MINUTES");
        assertThat(new SessionSettings(0, 600, -1).problems()).hasSize(2);
    }
}
