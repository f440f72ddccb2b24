package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.atrium.standins.entra.DemoAccount;

/**
 * What happens to a signed-in session: sign-out here and at Entra (front-channel and back-channel logout), and an
 * account Atrium has disabled.
 */
@AtriumIT
class SessionsIT extends AtriumDeployment {

    @Test
    void signing_out_ends_the_session_here_and_at_entra_and_lands_on_the_signed_out_page() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page home = browser.signIn(atrium(), "erin");

        ScriptedBrowser.Page toEntra = browser.submit(home, "sign-out", Map.of(), "sign-out:button");

        assertThat(toEntra.status()).isEqualTo(302);
        URI endSession = toEntra.location();
        assertThat(endSession.toString()).startsWith(AtriumStack.settings().get("azure.authority-host") + "/"
                + AtriumStack.settings().get("azure.tenant-id") + "/v2.0/endsession?");
        assertThat(endSession.getRawQuery()).contains("id_token_hint=")
                .contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(
                        atrium().resolve("/signed-out.html").toString(), java.nio.charset.StandardCharsets.UTF_8));
        ScriptedBrowser.Page signedOut = browser.follow(toEntra);
        assertThat(signedOut.status()).isEqualTo(200);
        assertThat(signedOut.uri().getPath()).isEqualTo("/signed-out.html");
        assertThat(signedOut.html().getElementById("signed-out").text()).isEqualTo("You have signed out of Atrium");
        assertThat(browser.get(atrium()).location().getPath()).as("a new visit asks to sign in again")
                .endsWith("/v2.0/authorize");
    }

    @Test
    void a_form_post_after_sign_out_cannot_use_the_old_session() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");
        browser.submit(chat, "sign-out", Map.of(), "sign-out:button");

        ScriptedBrowser.Page replayed = browser.submit(chat, "chat", Map.of("chat:message", "still there?"), "chat:send");

        assertThat(replayed.status()).isEqualTo(302);
        assertThat(replayed.location().getPath()).endsWith("/v2.0/authorize");
    }

    @Test
    void an_employee_disabled_in_atrium_is_refused_after_a_valid_entra_sign_in_and_only_the_refusal_is_recorded() {
        DemoAccount erin = DemoAccount.ERIN;
        new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "erin");
        Database.execute("UPDATE app_user SET status = 'disabled' WHERE object_id = ?", erin.oid());
        try {
            long eventsBefore = Database.loginEventsOf(erin.oid());
            long refusalsBefore = Database.failedSignInsOf(erin.oid(), "disabled");
            ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

            ScriptedBrowser.Page refused = browser.signIn(atrium(), "erin");

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.html().select("h1").text()).isEqualTo("Your Atrium account is disabled");
            assertThat(refused.body()).doesNotContain("Exception");
            assertThat(Database.loginEventsOf(erin.oid())).isEqualTo(eventsBefore);
            assertThat(Database.failedSignInsOf(erin.oid(), "disabled")).isEqualTo(refusalsBefore + 1);
            assertThat(browser.get(atrium()).status()).as("no session was created").isEqualTo(302);
        } finally {
            Database.execute("UPDATE app_user SET status = 'active' WHERE object_id = ?", erin.oid());
        }
    }

    @Test
    void entras_front_channel_logout_ends_every_session_of_that_entra_session_without_a_cookie() {
        ScriptedBrowser laptop = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser secondTab = new ScriptedBrowser(AtriumStack.peers());
        laptop.signIn(atrium(), "adam");
        secondTab.signIn(atrium(), "adam");
        ScriptedBrowser entrasIframe = new ScriptedBrowser(AtriumStack.peers());

        ScriptedBrowser.Page answer = entrasIframe.get(atrium().resolve("/auth/front-channel-logout?sid="
                + DemoAccount.ADAM.entraSessionId() + "&iss=" + issuer()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(laptop.get(atrium()).status()).as("signed out").isEqualTo(302);
        assertThat(secondTab.get(atrium()).status()).as("signed out").isEqualTo(302);
    }

    /**
     * The pages an employee has loading when their session ends on another thread (a sign-out at Entra, an
     * administrator's disable) answer as signed in, signed out or refused, never with an error. Rounds alternate the
     * two, and start them a little later each time, so that the ending lands at different points of the requests.
     */
    @Test
    void pages_loading_while_the_session_ends_elsewhere_answer_signed_in_signed_out_or_refused_never_an_error()
            throws Exception {
        DemoAccount erin = DemoAccount.ERIN;
        String adminToken = ApiCalls.tokenOf(DemoAccount.ADAM);
        ExecutorService tabs = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 8; round++) {
                CountDownLatch allLoading = new CountDownLatch(4);
                List<Future<List<Integer>>> loading = new ArrayList<>();
                for (int tab = 0; tab < 4; tab++) {
                    ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
                    browser.signIn(atrium(), "erin");
                    loading.add(tabs.submit(() -> loadUntilEnded(browser, allLoading)));
                }
                allLoading.await(30, TimeUnit.SECONDS);
                Thread.sleep(20L * round);
                boolean disable = round % 2 == 1;
                String userPath = "/api/v1/admin/users/"
                        + Database.text("SELECT CAST(id AS text) FROM app_user WHERE object_id = ?", erin.oid());
                int ending = disable
                        ? ApiCalls.postJson(atrium().resolve(userPath + "/disable"), adminToken,
                                "{\"reason\":\"a test of sessions ending\"}").statusCode()
                        : new ScriptedBrowser(AtriumStack.peers()).get(atrium().resolve(
                                "/auth/front-channel-logout?sid=" + erin.entraSessionId() + "&iss=" + issuer()))
                                .status();
                try {
                    assertThat(ending).isIn(200, 204);
                    for (Future<List<Integer>> tab : loading) {
                        assertThat(tab.get(30, TimeUnit.SECONDS)).as((disable ? "disabled" : "signed out at Entra")
                                + ", round " + round).isSubsetOf(200, 302, 403).last().isNotEqualTo(200);
                    }
                } finally {
                    if (disable) {
                        assertThat(ApiCalls.postJson(atrium().resolve(userPath + "/enable"), adminToken,
                                "{\"reason\":\"the test is over\"}").statusCode()).isEqualTo(204);
                    }
                }
            }
        } finally {
            tabs.shutdownNow();
        }
    }

    /** Reloads the home page until it is no longer served, or for at most 20 seconds; the statuses it saw. */
    private List<Integer> loadUntilEnded(ScriptedBrowser browser, CountDownLatch allLoading) {
        List<Integer> statuses = new ArrayList<>();
        allLoading.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status;
        do {
            status = browser.get(atrium()).status();
            statuses.add(status);
        } while (status == 200 && System.nanoTime() < deadline);
        return statuses;
    }

    @Test
    void a_front_channel_logout_naming_another_issuer_ends_nothing() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        browser.signIn(atrium(), "olivia");

        new ScriptedBrowser(AtriumStack.peers()).get(atrium().resolve("/auth/front-channel-logout?sid="
                + DemoAccount.OLIVIA.entraSessionId() + "&iss=https%3A%2F%2Fevil.example%2Fv2.0"));

        assertThat(browser.get(atrium()).status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void a_providers_back_channel_logout_token_ends_every_session_of_its_entra_session() throws Exception {
        ScriptedBrowser laptop = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser secondTab = new ScriptedBrowser(AtriumStack.peers());
        laptop.signIn(atrium(), "adam");
        secondTab.signIn(atrium(), "adam");

        HttpResponse<String> answer = postLogoutToken(logoutToken(Map.of("sid", DemoAccount.ADAM.entraSessionId())));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(laptop.get(atrium()).status()).as("signed out").isEqualTo(302);
        assertThat(secondTab.get(atrium()).status()).as("signed out").isEqualTo(302);
    }

    @Test
    void what_is_not_a_logout_token_of_the_tenant_for_atrium_is_refused_with_400_and_ends_nothing() throws Exception {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        browser.signIn(atrium(), "olivia");
        String sid = DemoAccount.OLIVIA.entraSessionId();
        String good = logoutToken(Map.of("sid", sid));
        Map<String, String> forgeries = new java.util.LinkedHashMap<>();
        forgeries.put("an ID token (a nonce, no logout event)",
                io.atrium.standins.entra.DemoSignIn.at(AtriumStack.peers().entra()).tokensFor(DemoAccount.OLIVIA)
                        .idToken());
        forgeries.put("another audience", logoutToken(Map.of("sid", sid, "aud", "api://another-app")));
        forgeries.put("another issuer", logoutToken(Map.of("sid", sid, "iss", "https://evil.example/v2.0")));
        forgeries.put("no logout event", AtriumStack.peers().entra().mint(Map.of("aud",
                AtriumStack.settings().get("azure.client-id"), "jti", "j-1", "sid", sid), Duration.ofMinutes(2)));
        forgeries.put("neither sid nor sub", logoutToken(Map.of()));
        forgeries.put("a broken signature", good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(
                good.lastIndexOf('.') + 5));
        forgeries.put("not a JWT", "logout-please");

        forgeries.forEach((what, token) -> {
            HttpResponse<String> refused = postLogoutToken(token);
            assertThat(refused.statusCode()).as(what).isEqualTo(400);
            assertThat(refused.body()).as(what).contains("\"error\":\"invalid_request\"");
        });
        assertThat(new ScriptedBrowser(AtriumStack.peers()).get(atrium().resolve("/auth/back-channel-logout"))
                .status()).as("a GET").isEqualTo(405);
        assertThat(browser.get(atrium()).status()).as("still signed in").isEqualTo(200);
    }

    /** A logout token as a provider signs it (the Entra stand-in's key): aud, iat, jti, the event, and {@code claims}. */
    private String logoutToken(Map<String, Object> claims) {
        Map<String, Object> token = new java.util.LinkedHashMap<>();
        token.put("aud", AtriumStack.settings().get("azure.client-id"));
        token.put("jti", java.util.UUID.randomUUID().toString());
        token.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        token.putAll(claims);
        return AtriumStack.peers().entra().mint(token, Duration.ofMinutes(2));
    }

    private HttpResponse<String> postLogoutToken(String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(atrium().resolve("/auth/back-channel-logout"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + java.net.URLEncoder.encode(token,
                            java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String issuer() {
        return java.net.URLEncoder.encode(AtriumStack.settings().get("azure.authority-host") + "/"
                + AtriumStack.settings().get("azure.tenant-id") + "/v2.0", java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void the_signed_out_page_and_the_front_channel_logout_address_need_no_session() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

        assertThat(browser.get(atrium().resolve("/signed-out.html")).status()).isEqualTo(200);
        assertThat(browser.get(atrium().resolve("/auth/front-channel-logout?sid=unknown")).status()).isEqualTo(200);
    }
}
