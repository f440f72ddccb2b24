package io.atrium.identity.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.URLUtils;

import io.atrium.identity.FiredEvents;
import io.atrium.identity.InMemoryHttp;
import io.atrium.identity.events.EmployeeSignInFailed;
import io.atrium.identity.events.UnsolicitedSignInCallback;
import io.atrium.identity.internal.oidc.EntraMetadata;
import io.atrium.identity.internal.oidc.OidcSettings;
import io.atrium.identity.internal.oidc.OidcSignIn;
import io.atrium.identity.internal.oidc.SignInCredentials;
import io.atrium.standins.Truststores;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.identity.EntraSettings;
import io.atrium.identity.internal.credential.AppCredentials;

/**
 * Returns to the sign-in callback as Atrium's authentication mechanism meets them, with sign-ins started at the Entra
 * stand-in: only Entra's answer to a sign-in this browser started is recorded as a failed sign-in.
 */
class SignInCallbackAgainstStandInTest {

    /** Entra's answer when the employee is not assigned to the app, in the shape of its error descriptions. */
    private static final String NOT_ASSIGNED = "AADSTS50105: Your administrator has configured the application Atrium "
            + "to block users unless they are specifically granted ('assigned') access to the application. The signed "
            + "in user 'erin@bank.example' is blocked because they are not a direct member of a group with access.\r\n"
            + "Trace ID: b72a68c3-0926-4b8e-bc35-3150069c2800\r\nCorrelation ID: 73d656cf-54b1-4eb2-b429-26d8165a52d7\r\n"
            + "Timestamp: 2026-05-01 22:43:20Z";

    private static EntraStandIn entra;
    private static OidcSettings settings;
    private static OidcSignIn signIn;

    private final FiredEvents<EmployeeSignInFailed> failedSignIns = new FiredEvents<>();
    private final FiredEvents<UnsolicitedSignInCallback> unsolicited = new FiredEvents<>();
    private final SignInStart signInStart = new SignInStart(signIn);
    private final AtriumAuthenticationMechanism mechanism = new AtriumAuthenticationMechanism(null,
            new SignInCallback(signIn, signInStart, null, failedSignIns, null, null, settings,
                    new UnsolicitedCallbacks(unsolicited)),
            null, signInStart, new SessionRefresh(null, signIn, null), null, null);

    @BeforeAll
    static void start() throws Exception {
        entra = EntraStandIn.start(Files.createTempDirectory("atrium-callback-test"), 0);
        HTTPRequest.setDefaultSSLSocketFactory(
                Truststores.trusting(entra.truststore(), entra.truststorePassword()).getSocketFactory());
        settings = new OidcSettings(new EntraSettings(entra.authorityHost(),
                Optional.of(entra.tenantId()), Optional.of(entra.clientId())),
                AppCredentials.clientSecret(entra.clientSecret()), "openid profile email offline_access",
                60, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        signIn = new OidcSignIn(settings, new EntraMetadata(settings), null, null, null, null,
                SignInCredentials.clientSecret(settings));
    }

    @AfterAll
    static void stop() {
        entra.close();
    }

    @Test
    void an_error_callback_with_a_state_this_browser_did_not_start_records_no_failed_sign_in_and_answers_400() {
        InMemoryHttp.Session browser = new InMemoryHttp.Session();
        startSignIn(browser);

        InMemoryHttp.Response page = callback(browser, "error=access_denied&error_description="
                + URLEncoder.encode(NOT_ASSIGNED + " <script>alert(1)</script>", StandardCharsets.UTF_8)
                + "&state=forged");

        assertThat(failedSignIns.fired()).as("nothing for the audit trail").isEmpty();
        assertThat(unsolicited.fired()).as("counted").hasSize(1);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("This sign-in link has expired")
                .doesNotContain("AADSTS").doesNotContain("erin@bank.example").doesNotContain("<script>");
    }

    @Test
    void an_error_callback_from_a_browser_without_a_session_records_no_failed_sign_in() {
        InMemoryHttp.Response page = callback(null, "error=access_denied&error_description=AADSTS50105&state=x");

        assertThat(failedSignIns.fired()).isEmpty();
        assertThat(unsolicited.fired()).hasSize(1);
        assertThat(page.status()).isEqualTo(400);
    }

    @Test
    void a_code_callback_with_a_state_this_browser_did_not_start_records_no_failed_sign_in() {
        InMemoryHttp.Session browser = new InMemoryHttp.Session();
        startSignIn(browser);

        InMemoryHttp.Response page = callback(browser, "code=stolen&state=forged");

        assertThat(failedSignIns.fired()).isEmpty();
        assertThat(page.status()).isEqualTo(400);
    }

    @Test
    void entras_error_for_a_sign_in_this_browser_started_is_recorded_with_its_reason_and_code() {
        InMemoryHttp.Session browser = new InMemoryHttp.Session();
        String state = startSignIn(browser);

        InMemoryHttp.Response page = callback(browser, "error=access_denied&error_description="
                + URLEncoder.encode(NOT_ASSIGNED, StandardCharsets.UTF_8) + "&state=" + state);

        assertThat(failedSignIns.fired()).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo("not_assigned");
            assertThat(failed.entraErrorCode()).isEqualTo("AADSTS50105");
            assertThat(failed.username()).as("Entra named nobody it vouched for").isNull();
        });
        assertThat(unsolicited.fired()).isEmpty();
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("You do not have access to Atrium yet")
                .contains("<code id=\"entra-correlation-id\">73d656cf-54b1-4eb2-b429-26d8165a52d7</code>")
                .contains("<code id=\"entra-trace-id\">b72a68c3-0926-4b8e-bc35-3150069c2800</code>")
                .doesNotContain("erin@bank.example");
    }

    /** A protected page asked for without a session: off to Entra, with the state this browser now waits for. */
    private String startSignIn(InMemoryHttp.Session browser) {
        var request = InMemoryHttp.get("/chat.xhtml", browser);
        InMemoryHttp.Response toEntra = new InMemoryHttp.Response();
        mechanism.validateRequest(request, toEntra.response(), InMemoryHttp.context(request, toEntra, true));
        URI authorize = toEntra.location();
        assertThat(authorize.toString()).startsWith(entra.authorityHost());
        return URLUtils.parseParameters(authorize.getRawQuery()).get("state").get(0);
    }

    private InMemoryHttp.Response callback(InMemoryHttp.Session browser, String query) {
        var request = InMemoryHttp.get("/auth/callback?" + query, browser);
        InMemoryHttp.Response answer = new InMemoryHttp.Response();
        mechanism.validateRequest(request, answer.response(), InMemoryHttp.context(request, answer, false));
        return answer;
    }
}
