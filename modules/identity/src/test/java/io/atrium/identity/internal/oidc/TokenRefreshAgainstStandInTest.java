package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;

import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.JvmTrustedEntra;
import io.atrium.identity.internal.graph.GraphTokens;
import io.atrium.identity.internal.roles.EmployeeRoles;
import io.atrium.standins.Truststores;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.identity.EntraSettings;
import io.atrium.identity.internal.credential.AppCredentials;

/** Refreshing a signed-in employee's tokens at the Entra stand-in's real token endpoint. */
class TokenRefreshAgainstStandInTest {

    private static EntraStandIn entra;
    private static OidcSignIn signIn;

    @BeforeAll
    static void start() throws Exception {
        // The JVM-trusted certificate: the JWKS of the refreshed ID tokens is fetched with the JVM's default SSL context.
        entra = JvmTrustedEntra.start();
        // Nimbus's default socket factory can be set after start-up, unlike the JVM's default SSL context.
        HTTPRequest.setDefaultSSLSocketFactory(
                Truststores.trusting(entra.truststore(), entra.truststorePassword()).getSocketFactory());
        OidcSettings settings = new OidcSettings(new EntraSettings(entra.authorityHost(),
                Optional.of(entra.tenantId()), Optional.of(entra.clientId())),
                AppCredentials.clientSecret(entra.clientSecret()), "openid profile email offline_access",
                60, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        EntraMetadata metadata = new EntraMetadata(settings);
        // No group mapping: roles are the app roles, and Graph (asked only for group overage) is never needed.
        signIn = new OidcSignIn(settings, metadata, new IdTokenVerifier(settings, metadata),
                new EmployeeRoles(Optional.empty(), null), null, new GraphTokens(), SignInCredentials.clientSecret(settings));
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
    void an_app_role_removed_in_entra_is_gone_from_the_session_at_the_next_refresh() throws Exception {
        EmployeeSession adams = sessionOf(DemoAccount.ADAM, DemoSignIn.at(entra).tokensFor(DemoAccount.ADAM),
                Instant.now().plusSeconds(30));
        entra.assignAppRoles(DemoAccount.ADAM, List.of("employee"));
        try {
            EmployeeSession refreshed = signIn.refresh(adams);

            assertThat(refreshed.employee().roles()).containsExactly("employee");
            assertThat(refreshed.idToken()).as("the session keeps the new ID token").isNotEqualTo(adams.idToken());
            assertThat(refreshed.employee().objectId()).isEqualTo(DemoAccount.ADAM.oid());

            entra.assignAppRoles(DemoAccount.ADAM, DemoAccount.ADAM.roles());
            assertThat(signIn.refresh(refreshed).employee().roles()).as("and back when it is assigned again")
                    .containsExactlyInAnyOrderElementsOf(DemoAccount.ADAM.roles());
        } finally {
            entra.assignAppRoles(DemoAccount.ADAM, DemoAccount.ADAM.roles());
        }
    }

    @Test
    void a_refresh_whose_id_token_names_someone_else_ends_the_session() throws Exception {
        EmployeeSession adamWithErinsTokens = sessionOf(DemoAccount.ADAM, DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN),
                Instant.now());

        assertThatThrownBy(() -> signIn.refresh(adamWithErinsTokens)).isInstanceOf(SignInFailure.class)
                .hasMessageContaining("not the session's employee");
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
        return sessionOf(DemoAccount.ERIN, tokens, accessTokenExpiresAt);
    }

    private static EmployeeSession sessionOf(DemoAccount account, DemoSignIn.Tokens tokens, Instant accessTokenExpiresAt) {
        EmployeePrincipal employee = new EmployeePrincipal(entra.tenantId(), account.oid(), account.upn(),
                account.displayName(), account.upn(), Set.copyOf(account.roles()));
        return new EmployeeSession(employee, tokens.idToken(), tokens.accessToken(), accessTokenExpiresAt,
                tokens.refreshToken(), null, Instant.now().minusSeconds(60));
    }

}
