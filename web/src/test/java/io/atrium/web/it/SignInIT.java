package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.atrium.standins.entra.DemoAccount;

/** Sign-in through the Entra stand-in, and what Atrium records of it, seen from a browser's side of the wire. */
@AtriumIT
class SignInIT extends AtriumDeployment {

    @Test
    void a_visit_without_a_session_goes_straight_to_entra_with_pkce_state_and_nonce() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

        ScriptedBrowser.Page answer = browser.get(atrium());

        assertThat(answer.status()).isEqualTo(302);
        URI authorize = answer.location();
        assertThat(authorize.getScheme() + "://" + authorize.getAuthority() + authorize.getPath())
                .isEqualTo(AtriumStack.settings().get("azure.authority-host") + "/"
                        + AtriumStack.settings().get("azure.tenant-id") + "/v2.0/authorize");
        Map<String, String> query = query(authorize);
        assertThat(query).containsEntry("response_type", "code")
                .containsEntry("client_id", AtriumStack.settings().get("azure.client-id"))
                .containsEntry("redirect_uri", atrium().resolve("/auth/callback").toString())
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(query.get("code_challenge")).hasSize(43);
        assertThat(query.get("scope").split(" ")).contains("openid", "profile", "email", "offline_access",
                "api://" + AtriumStack.settings().get("azure.client-id") + "/access_as_user");
    }

    @Test
    void behind_a_trusted_tls_proxy_the_redirect_uri_is_the_public_https_address() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

        ScriptedBrowser.Page answer = browser.get(atrium(),
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "atrium.bank.example"));

        assertThat(query(answer.location())).containsEntry("redirect_uri", "https://atrium.bank.example/auth/callback");
    }

    @Test
    void after_sign_in_the_employee_lands_on_the_page_first_asked_for() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

        ScriptedBrowser.Page landed = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");

        assertThat(landed.status()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/chat.xhtml");
        assertThat(landed.html().getElementById("chat:message")).isNotNull();
    }

    @Test
    void the_home_page_greets_the_employee_by_name_with_their_roles() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        DemoAccount adam = DemoAccount.ADAM;

        ScriptedBrowser.Page home = browser.signIn(atrium(), "adam");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.html().getElementById("greeting").text()).isEqualTo("Hello, " + adam.displayName());
        assertThat(home.html().getElementById("username").text()).isEqualTo(adam.upn());
        assertThat(home.html().select(".role").eachText()).containsExactlyInAnyOrderElementsOf(adam.roles());
        assertThat(home.html().getElementById("profile").text()).as("from Graph, on Adam's behalf")
                .isEqualTo(adam.jobTitle() + ", " + adam.department());
    }

    @Test
    void the_first_sign_in_creates_the_user_and_every_sign_in_records_one_login_event() {
        DemoAccount erin = DemoAccount.ERIN;
        long eventsBefore = Database.loginEventsOf(erin.oid());

        new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "erin");
        ScriptedBrowser.Page second = new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "erin");

        assertThat(Database.usersWithObjectId(erin.oid())).isEqualTo(1);
        assertThat(Database.loginEventsOf(erin.oid())).isEqualTo(eventsBefore + 2);
        assertThat(second.html().getElementById("sign-in-count").text()).isEqualTo(String.valueOf(eventsBefore + 2));
        assertThat(Database.count("SELECT count(*) FROM information_schema.columns WHERE table_name IN "
                + "('app_user', 'login_event') AND column_name LIKE '%token%'")).isZero();
    }

    @Test
    void the_session_id_is_renewed_at_sign_in() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page toEntra = browser.get(atrium());
        String before = browser.cookie(atrium(), "JSESSIONID");

        browser.follow(browser.post(browser.follow(toEntra).uri(), Map.of("username", "erin")));

        assertThat(before).isNotNull();
        assertThat(browser.cookie(atrium(), "JSESSIONID")).isNotNull().isNotEqualTo(before);
        assertThat(toEntra.header("Set-Cookie")).containsIgnoringCase("HttpOnly").containsIgnoringCase("Secure");
    }

    @Test
    void a_callback_this_browser_did_not_start_is_refused_and_signs_nobody_in() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        browser.get(atrium());

        ScriptedBrowser.Page refused = browser.get(atrium().resolve("/auth/callback?code=stolen&state=forged"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().select("h1").text()).isEqualTo("This sign-in link has expired");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at io.atrium");
        assertThat(browser.get(atrium()).status()).as("still not signed in").isEqualTo(302);
    }

    @Test
    void a_callback_used_once_cannot_be_replayed() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page entraLogin = browser.follow(browser.get(atrium()));
        ScriptedBrowser.Page callback = browser.post(entraLogin.uri(), Map.of("username", "erin"));
        URI callbackUri = callback.location();
        assertThat(browser.get(callbackUri).status()).isEqualTo(302);

        ScriptedBrowser.Page replayed = browser.get(callbackUri);

        assertThat(replayed.status()).isEqualTo(400);
    }

    @Test
    void an_employee_entra_has_not_assigned_to_atrium_is_told_so_in_plain_words_with_a_reference() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        String state = query(browser.get(atrium()).location()).get("state");
        long refusalsBefore = Database.count("SELECT count(*) FROM login_event WHERE outcome = 'failure' "
                + "AND failure_reason = 'not_assigned' AND entra_error_code = 'AADSTS50105' AND user_id IS NULL");

        ScriptedBrowser.Page page = browser.get(atrium().resolve("/auth/callback?error=access_denied"
                + "&error_description=AADSTS50105%3A+The+signed+in+user+is+not+assigned+to+a+role&state=" + state));

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.html().select("h1").text()).isEqualTo("You do not have access to Atrium yet");
        assertThat(page.html().select("p").first().text()).contains("assign you to the Atrium application");
        assertThat(page.html().select("code").text()).matches("[0-9a-f-]{36}");
        assertThat(page.body()).doesNotContain("AADSTS50105").doesNotContain("Exception");
        assertThat(Database.count("SELECT count(*) FROM login_event WHERE outcome = 'failure' "
                + "AND failure_reason = 'not_assigned' AND entra_error_code = 'AADSTS50105' AND user_id IS NULL"))
                .as("the refusal is in the audit trail with Entra's code").isEqualTo(refusalsBefore + 1);
    }

    @Test
    void an_entra_error_with_a_state_this_browser_did_not_start_is_refused_and_leaves_no_trace_in_the_audit_trail() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        browser.get(atrium());
        long refusalsBefore = Database.count("SELECT count(*) FROM login_event WHERE outcome = 'failure'");

        ScriptedBrowser.Page page = browser.get(atrium().resolve("/auth/callback?error=access_denied"
                + "&error_description=AADSTS50105%3A+erin%40bank.example+is+not+assigned&state=forged"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html().select("h1").text()).isEqualTo("This sign-in link has expired");
        assertThat(page.body()).doesNotContain("AADSTS50105").doesNotContain("erin@bank.example");
        assertThat(Database.count("SELECT count(*) FROM login_event WHERE outcome = 'failure'"))
                .as("a forged error is nobody's failed sign-in").isEqualTo(refusalsBefore);
    }

    @Test
    void the_api_answers_401_to_a_request_without_a_token_and_never_redirects() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

        ScriptedBrowser.Page answer = browser.get(atrium().resolve("/api/v1/me"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
