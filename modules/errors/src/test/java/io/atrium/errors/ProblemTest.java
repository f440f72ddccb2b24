package io.atrium.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void a_clients_mistake_is_a_4xx_and_a_peers_failure_a_5xx_never_500() {
        assertThat(Problem.INVALID.status()).isEqualTo(400);
        assertThat(Problem.CONFLICT.status()).isEqualTo(409);
        assertThat(Problem.UPSTREAM_FAILED.status()).isEqualTo(502);
        assertThat(Arrays.stream(Problem.values()).map(Problem::status)).doesNotContain(500).doesNotHaveDuplicates();
    }

    @Test
    void the_public_detail_is_the_message_unless_a_failure_says_otherwise() {
        AtriumException refused = new AtriumException("no such user", null) {
            @Override
            public Problem problem() {
                return Problem.NOT_FOUND;
            }
        };

        assertThat(refused.publicDetail()).isEqualTo("no such user");
        assertThat(refused.headers()).isEmpty();
    }
}
