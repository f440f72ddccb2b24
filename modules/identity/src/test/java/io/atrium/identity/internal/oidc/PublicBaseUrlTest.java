package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PublicBaseUrlTest {

    private static final List<String> PROXY = List.of("10.0.0.5");

    @Test
    void a_direct_request_gives_its_own_scheme_host_and_port() {
        assertThat(PublicBaseUrl.fromRequest(PROXY, "192.0.2.7", null, null, "http", "localhost", 8080, ""))
                .isEqualTo("http://localhost:8080");
        assertThat(PublicBaseUrl.fromRequest(PROXY, "192.0.2.7", null, null, "https", "atrium.example", 443, "/atrium"))
                .isEqualTo("https://atrium.example/atrium");
    }

    @Test
    void forwarded_headers_from_a_trusted_proxy_give_the_public_https_url() {
        assertThat(PublicBaseUrl.fromRequest(PROXY, "10.0.0.5", "https", "atrium.bank.example", "http", "pod-7", 8080, ""))
                .isEqualTo("https://atrium.bank.example");
    }

    @Test
    void forwarded_headers_from_anyone_else_are_ignored() {
        assertThat(PublicBaseUrl.fromRequest(PROXY, "192.0.2.66", "https", "evil.example", "http", "localhost", 8080, ""))
                .isEqualTo("http://localhost:8080");
    }

    @Test
    void of_a_proxy_chain_the_first_value_counts_and_a_malformed_host_is_refused() {
        assertThat(PublicBaseUrl.fromRequest(PROXY, "10.0.0.5", "https, http", "atrium.bank.example:8443, internal",
                "http", "pod-7", 8080, "")).isEqualTo("https://atrium.bank.example:8443");
        assertThat(PublicBaseUrl.fromRequest(PROXY, "10.0.0.5", "https", "evil.example/path?x=", "http", "pod-7", 8080, ""))
                .isEqualTo("http://pod-7:8080");
    }
}
