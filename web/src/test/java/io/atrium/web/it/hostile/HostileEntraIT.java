package io.atrium.web.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.hostile.Endpoint;
import io.atrium.standins.hostile.HostileEntra;
import io.atrium.standins.hostile.Misbehaviour;
import io.atrium.web.it.AtriumDeployment;
import io.atrium.web.it.AtriumIT;
import io.atrium.web.it.AtriumStack;
import io.atrium.web.it.Chromium;
import io.atrium.web.it.Database;
import io.atrium.web.it.ScriptedBrowser;

/**
 * Sign-in against an OpenID provider that gets the ID token wrong in one way at a time. Atrium must redeem the code,
 * refuse the token with a plain page, keep the browser signed out and record nothing.
 */
/* Tagged so that only the failsafe execution that starts the hostile provider runs it, even under -Dit.test. */
@Tag("hostile-entra")
@AtriumIT
class HostileEntraIT extends AtriumDeployment {

    private static final DemoAccount EMPLOYEE = HostileEntra.EMPLOYEE;

    @BeforeEach
    void providerBehaves() {
        provider().behave();
    }

    @Test
    void a_well_behaved_provider_signs_the_employee_in() {
        long signInsBefore = Database.loginEventsOf(EMPLOYEE.oid());

        ScriptedBrowser.Page home = signIn(new ScriptedBrowser(AtriumStack.peers()));

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.html().getElementById("greeting").text()).isEqualTo("Hello, " + EMPLOYEE.displayName());
        assertThat(Database.usersWithObjectId(EMPLOYEE.oid())).isEqualTo(1);
        assertThat(Database.loginEventsOf(EMPLOYEE.oid())).isEqualTo(signInsBefore + 1);
        // This provider's access tokens are opaque, so there is no Graph profile: the page says so and still works.
        assertThat(home.html().getElementById("profile").text()).contains("not available right now");
    }

    @Test
    void an_id_token_signed_with_a_key_not_in_the_jwks_is_refused() {
        assertRefused(Misbehaviour.SIGNED_WITH_UNKNOWN_KEY);
    }

    @Test
    void an_id_token_from_another_issuer_is_refused() {
        assertRefused(Misbehaviour.WRONG_ISSUER);
    }

    @Test
    void an_id_token_for_another_application_is_refused() {
        assertRefused(Misbehaviour.WRONG_AUDIENCE);
    }

    @Test
    void an_expired_id_token_is_refused() {
        assertRefused(Misbehaviour.EXPIRED);
    }

    @Test
    void an_id_token_issued_an_hour_in_the_future_is_refused() {
        assertRefused(Misbehaviour.ISSUED_IN_THE_FUTURE);
    }

    @Test
    void an_id_token_without_the_nonce_is_refused() {
        assertRefused(Misbehaviour.NONCE_MISSING);
    }

    @Test
    void an_id_token_with_another_nonce_is_refused() {
        assertRefused(Misbehaviour.NONCE_DIFFERENT);
    }

    @Test
    void an_unsigned_id_token_with_alg_none_is_refused() {
        assertRefused(Misbehaviour.ALG_NONE);
    }

    @Test
    void an_id_token_hmac_signed_with_the_client_secret_is_refused() {
        assertRefused(Misbehaviour.HS256_WITH_CLIENT_SECRET);
    }

    /**
     * A kid Atrium has not seen makes it fetch the JWKS again, as it must for key rotation; the fetch is rate-limited
     * (twice per 30 s), so a stream of such tokens cannot turn Atrium into a flood of requests to Entra.
     */
    @Test
    void an_id_token_whose_kid_is_not_in_the_refetched_jwks_is_refused_and_the_refetch_is_rate_limited() {
        provider().misbehave(Misbehaviour.UNKNOWN_KID);
        int fetchesBefore = provider().requestsTo(Endpoint.JWKS);

        for (int attempt = 0; attempt < 3; attempt++) {
            assertSignInRefused();
        }

        assertThat(provider().requestsTo(Endpoint.JWKS) - fetchesBefore).as("JWKS fetches for 3 sign-ins").isBetween(1, 2);
    }

    @Test
    void a_callback_with_a_state_the_browser_never_got_is_refused_before_the_code_is_redeemed() {
        long usersBefore = Database.usersWithObjectId(EMPLOYEE.oid());
        long signInsBefore = Database.loginEventsOf(EMPLOYEE.oid());
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        URI callback = callbackWithCode(browser);
        URI forged = URI.create(callback.toString().replaceFirst("([?&]state=)[^&]*", "$1" + UUID.randomUUID()));
        assertThat(forged).isNotEqualTo(callback);
        int tokenRequestsBefore = provider().requestsTo(Endpoint.TOKEN);

        ScriptedBrowser.Page answer = browser.get(forged);

        assertPlainRefusal(answer);
        assertThat(provider().requestsTo(Endpoint.TOKEN)).as("token requests").isEqualTo(tokenRequestsBefore);
        assertStillSignedOut(browser);
        assertThat(Database.usersWithObjectId(EMPLOYEE.oid())).isEqualTo(usersBefore);
        assertThat(Database.loginEventsOf(EMPLOYEE.oid())).isEqualTo(signInsBefore);
    }

    private void assertRefused(Misbehaviour misbehaviour) {
        provider().misbehave(misbehaviour);
        assertSignInRefused();
    }

    /** One sign-in through the provider as it behaves now; Atrium gets the ID token and must refuse it. */
    private void assertSignInRefused() {
        long usersBefore = Database.usersWithObjectId(EMPLOYEE.oid());
        long signInsBefore = Database.loginEventsOf(EMPLOYEE.oid());
        int idTokensBefore = provider().idTokensIssued();
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

        ScriptedBrowser.Page answer = browser.get(callbackWithCode(browser));

        // Without this, a refusal of the code itself would pass for a refusal of the token.
        assertThat(provider().idTokensIssued()).as("ID tokens the provider handed to Atrium").isEqualTo(idTokensBefore + 1);
        assertPlainRefusal(answer);
        assertStillSignedOut(browser);
        assertThat(Database.usersWithObjectId(EMPLOYEE.oid())).as("users").isEqualTo(usersBefore);
        assertThat(Database.loginEventsOf(EMPLOYEE.oid())).as("login events").isEqualTo(signInsBefore);
    }

    /**
     * Opens Atrium and goes to the provider twice, hop by hop: the silent attempt ({@code prompt=none}) it declines,
     * then Atrium's interactive retry, whose callback carries a code.
     */
    private URI callbackWithCode(ScriptedBrowser browser) {
        ScriptedBrowser.Page declined = browser.get(browser.get(atrium()).location());
        assertThat(declined.location().getQuery()).contains("error=login_required");
        ScriptedBrowser.Page interactive = browser.get(declined.location());
        assertThat(interactive.location().getQuery()).doesNotContain("prompt=");
        return browser.get(interactive.location()).location();
    }

    @Test
    void a_silent_sign_in_the_provider_declines_is_retried_once_interactively_and_succeeds() {
        int before = provider().authorizePrompts().size();

        ScriptedBrowser.Page home = signIn(new ScriptedBrowser(AtriumStack.peers()));

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.html().getElementById("greeting").text()).isEqualTo("Hello, " + EMPLOYEE.displayName());
        assertThat(provider().authorizePrompts().subList(before, provider().authorizePrompts().size()))
                .containsExactly("none", "");
    }

    @Test
    void when_the_interactive_retry_is_declined_too_the_employee_gets_a_page_and_no_loop() {
        provider().declineEverySignIn();
        int before = provider().authorizePrompts().size();

        ScriptedBrowser.Page answer = signIn(new ScriptedBrowser(AtriumStack.peers()));

        assertPlainRefusal(answer);
        assertThat(provider().authorizePrompts().size() - before).as("trips to the provider").isEqualTo(2);
    }

    @Test
    void right_after_signing_out_the_next_sign_in_asks_for_the_account_instead_of_signing_in_silently() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page home = signIn(browser);
        browser.submit(home, "sign-out", Map.of(), "sign-out:button");

        URI authorize = browser.get(atrium()).location();

        assertThat(authorize.getQuery()).contains("prompt=login").doesNotContain("prompt=none");
    }

    @Test
    void in_a_real_browser_the_declined_silent_sign_in_falls_back_to_an_interactive_one() throws Exception {
        int before = provider().authorizePrompts().size();
        ChromeDriver chromium = Chromium.start();
        try {
            chromium.get(atrium().toString());

            new WebDriverWait(chromium, Duration.ofSeconds(20))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));
            assertThat(chromium.findElement(By.id("greeting")).getText()).isEqualTo("Hello, " + EMPLOYEE.displayName());
            assertThat(chromium.getCurrentUrl()).startsWith(atrium().toString());
        } finally {
            chromium.quit();
        }
        assertThat(provider().authorizePrompts().subList(before, provider().authorizePrompts().size()))
                .containsExactly("none", "");
    }

    private static void assertPlainRefusal(ScriptedBrowser.Page answer) {
        assertThat(answer.status()).as(answer.body()).isIn(400, 401, 403);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.html().select("h1").text()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at io.atrium").doesNotContain("eyJ");
    }

    private void assertStillSignedOut(ScriptedBrowser browser) {
        ScriptedBrowser.Page home = browser.get(atrium());
        assertThat(home.status()).as("a visit after the refusal").isEqualTo(302);
        assertThat(home.location().toString()).startsWith(provider().issuer() + Endpoint.AUTHORIZE.path());
    }

    private ScriptedBrowser.Page signIn(ScriptedBrowser browser) {
        return browser.follow(browser.get(atrium()));
    }

    private static HostileEntra provider() {
        return AtriumStack.peers().hostileEntra();
    }
}
