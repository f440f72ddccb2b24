package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;

import io.atrium.identity.EmployeePrincipal;
import io.atrium.standins.Truststores;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;

/** Refreshing a signed-in employee's access token at the Entra stand-in's real token endpoint. */
class TokenRefreshTest {

    private static EntraStandIn entra;
    private static OidcSignIn signIn;

    @BeforeAll
    static void start() throws Exception {
        entra = EntraStandIn.start(Files.createTempDirectory("atrium-refresh-test"), 0);
        // Nimbus's default socket factory can be set after start-up, unlike the JVM's default SSL context.
        HTTPRequest.setDefaultSSLSocketFactory(
                Truststores.trusting(entra.truststore(), entra.truststorePassword()).getSocketFactory());
        OidcSettings settings = new OidcSettings(entra.authorityHost(), Optional.of(entra.tenantId()),
                Optional.of(entra.clientId()), Optional.of(entra.clientSecret()), "openid profile email offline_access",
                60, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        signIn = new OidcSignIn(settings, new EntraMetadata(settings), null, null, null, null);
    }

    @AfterAll
    static void stop() {
        entra.close();
    }

    @Test
    void an_expiring_access_token_is_exchanged_for_a_fresh_one_and_the_employee_stays_the_same() throws Exception {
        EmployeeSession expiring = sessionOf(DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN), Instant.now().plusSeconds(30));
        assertThat(expiring.accessTokenExpiresWithin(Duration.ofMinutes(5), Instant.now())).isTrue();

        EmployeeSession refreshed = signIn.refresh(expiring);

        assertThat(refreshed.accessToken()).isNotBlank().isNotEqualTo(expiring.accessToken());
        assertThat(refreshed.accessTokenExpiresWithin(Duration.ofMinutes(5), Instant.now())).isFalse();
        assertThat(refreshed.refreshToken()).isNotBlank();
        assertThat(refreshed.employee()).isEqualTo(expiring.employee());
        assertThat(refreshed.signedInAt()).isEqualTo(expiring.signedInAt());
    }

    @Test
    void a_session_without_a_refresh_token_cannot_be_refreshed_and_must_end() throws Exception {
        DemoSignIn.Tokens tokens = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN);
        EmployeeSession withoutRefreshToken = sessionOf(new DemoSignIn.Tokens(tokens.idToken(), tokens.accessToken(), null),
                Instant.now());

        assertThatThrownBy(() -> signIn.refresh(withoutRefreshToken)).isInstanceOf(SignInFailure.class)
                .hasMessageContaining("offline_access");
    }

    private static EmployeeSession sessionOf(DemoSignIn.Tokens tokens, Instant accessTokenExpiresAt) {
        EmployeePrincipal erin = new EmployeePrincipal(entra.tenantId(), DemoAccount.ERIN.oid(), DemoAccount.ERIN.upn(),
                DemoAccount.ERIN.displayName(), DemoAccount.ERIN.upn(), Set.of("employee"));
        return new EmployeeSession(erin, tokens.idToken(), tokens.accessToken(), accessTokenExpiresAt,
                tokens.refreshToken(), null, Instant.now().minusSeconds(60));
    }

}
