package io.atrium.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.util.JSONObjectUtils;

class ClaimsChallengeTest {

    /** Microsoft's example of a CAE-enabled resource's answer (claims-challenge documentation). */
    private static final String MICROSOFT_EXAMPLE = "Bearer authorization_uri=\"https://login.windows.net/common/"
            + "oauth2/authorize\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2Vu"
            + "dGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=\"";

    @Test
    void microsofts_documented_challenge_yields_its_claims() {
        assertThat(ClaimsChallenge.claimsOf(MICROSOFT_EXAMPLE))
                .hasValue("{\"access_token\":{\"nbf\":{\"essential\":true, \"value\":\"1604106651\"}}}");
    }

    @Test
    void other_refusals_are_no_claims_challenge() {
        assertThat(ClaimsChallenge.claimsOf("Bearer error=\"invalid_token\", error_description=\"expired\"")).isEmpty();
        assertThat(ClaimsChallenge.claimsOf("Bearer error=\"insufficient_claims\"")).isEmpty();
        assertThat(ClaimsChallenge.claimsOf("Bearer error=\"insufficient_claims\", claims=\"not base64!\"")).isEmpty();
        assertThat(ClaimsChallenge.claimsOf("Bearer error=\"insufficient_claims\", claims=\""
                + Base64.getEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8)) + "\"")).isEmpty();
        assertThat(ClaimsChallenge.claimsOf("Basic realm=\"x\"")).isEmpty();
        assertThat(ClaimsChallenge.claimsOf(null)).isEmpty();
    }

    @Test
    void a_sign_in_declares_cp1_beside_the_claims_entra_asked_for() throws Exception {
        Map<String, Object> alone = JSONObjectUtils.parse(ClaimsChallenge.withClientCapability(null));
        Map<String, Object> merged = JSONObjectUtils.parse(ClaimsChallenge.withClientCapability(
                "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}},\"id_token\":{\"amr\":null}}"));

        assertThat(alone).isEqualTo(Map.of("access_token", Map.of("xms_cc", Map.of("values", List.of("cp1")))));
        assertThat(JSONObjectUtils.getJSONObject(merged, "access_token"))
                .containsEntry("acrs", Map.of("essential", true, "value", "c1"))
                .containsEntry("xms_cc", Map.of("values", List.of("cp1")));
        assertThat(merged).containsKey("id_token");
    }

    @Test
    void only_a_client_that_declared_cp1_counts_as_capable() {
        assertThat(ClaimsChallenge.declaredBy(List.of("cp1"))).isTrue();
        assertThat(ClaimsChallenge.declaredBy(List.of("CP1", "cp2"))).isTrue();
        assertThat(ClaimsChallenge.declaredBy("cp1")).isTrue();
        assertThat(ClaimsChallenge.declaredBy(List.of("cp2"))).isFalse();
        assertThat(ClaimsChallenge.declaredBy(null)).isFalse();
    }

    @Test
    void atriums_own_challenge_is_one_a_client_can_read_back() {
        String challenge = ClaimsChallenge.wwwAuthenticate("https://login.microsoftonline.com/t/oauth2/v2.0/authorize",
                1_800_000_000L);

        assertThat(ClaimsChallenge.claimsOf(challenge))
                .hasValue("{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1800000000\"}}}");
    }
}
