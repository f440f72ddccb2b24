package io.atrium.identity.internal.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private static final List<String> PROXIES = List.of("10.0.0.5", "10.0.0.6");

    @Test
    void a_direct_caller_is_its_connection_whatever_it_claims() {
        assertThat(ClientAddress.of("198.51.100.9", "1.2.3.4", PROXIES)).isEqualTo("198.51.100.9");
    }

    @Test
    void behind_trusted_proxies_the_right_most_untrusted_hop_is_the_browser() {
        assertThat(ClientAddress.of("10.0.0.5", "1.2.3.4, 203.0.113.7, 10.0.0.6", PROXIES)).isEqualTo("203.0.113.7");
    }

    @Test
    void a_trusted_proxy_without_forwarded_for_is_itself() {
        assertThat(ClientAddress.of("10.0.0.5", null, PROXIES)).isEqualTo("10.0.0.5");
    }
}
