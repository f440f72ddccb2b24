package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;

class IdTokenVerifierTest {

    @Test
    void a_multi_tenant_token_must_carry_the_issuer_of_its_own_allowed_tenant() throws Exception {
        IdTokenVerifier verifier = new IdTokenVerifier(OidcSettingsTest.multiTenant(Optional.of("tenant-a")), null);

        assertThat(verifier.issuerFor(token("tenant-a"))).isEqualTo("https://login.microsoftonline.com/tenant-a/v2.0");
    }

    @Test
    void a_tenant_not_on_the_allow_list_is_refused_before_anything_else() {
        IdTokenVerifier verifier = new IdTokenVerifier(OidcSettingsTest.multiTenant(Optional.of("tenant-a")), null);

        assertThatThrownBy(() -> verifier.issuerFor(token("tenant-evil")))
                .isInstanceOf(SignInFailure.class)
                .extracting(failure -> ((SignInFailure) failure).reason())
                .isEqualTo(SignInFailure.Reason.TENANT_NOT_ALLOWED);
        assertThatThrownBy(() -> verifier.issuerFor(new PlainJWT(new JWTClaimsSet.Builder().build())))
                .isInstanceOf(SignInFailure.class);
    }

    private static PlainJWT token(String tenant) {
        return new PlainJWT(new JWTClaimsSet.Builder().claim("tid", tenant).build());
    }
}
