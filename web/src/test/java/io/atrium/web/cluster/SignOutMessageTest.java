package io.atrium.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.atrium.identity.events.EntraSignedOut;

class SignOutMessageTest {

    @Test
    void a_sign_out_arrives_on_the_other_instance_as_it_came_with_what_it_did_not_name_left_out() {
        EntraSignedOut bySession = new EntraSignedOut(null, "sid-1", null);
        EntraSignedOut bySubject = new EntraSignedOut("https://login.example/t/v2.0", null, "sub-1");

        assertThat(SignOutMessage.read(SignOutMessage.write(bySession))).isEqualTo(bySession);
        assertThat(SignOutMessage.read(SignOutMessage.write(bySubject))).isEqualTo(bySubject);
    }

    @Test
    void anything_else_on_the_topic_is_refused() {
        assertThatThrownBy(() -> SignOutMessage.read("iss\nsid")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignOutMessage.read("\n\n")).as("names nothing")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignOutMessage.write(new EntraSignedOut(null, "sid\nforged", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
