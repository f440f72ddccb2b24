package io.atrium.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.atrium.identity.events.EmployeeStandingChanged;

class StandingChangeMessageTest {

    @Test
    void a_change_arrives_on_the_other_instance_as_it_was_made() {
        EmployeeStandingChanged change = new EmployeeStandingChanged("tenant", "oid-erin", true);

        assertThat(StandingChangeMessage.read(StandingChangeMessage.write(change))).isEqualTo(change);
    }

    @Test
    void anything_else_on_the_topic_is_refused() {
        assertThatThrownBy(() -> StandingChangeMessage.read("tenant\noid")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandingChangeMessage.read("tenant\noid\nyes")).isInstanceOf(IllegalArgumentException.class);
    }
}
