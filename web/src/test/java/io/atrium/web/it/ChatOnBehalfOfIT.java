package io.atrium.web.it;

import static io.atrium.web.it.ChatPageCalls.CONVERSATION;
import static io.atrium.web.it.ChatPageCalls.events;
import static io.atrium.web.it.ChatPageCalls.find;
import static io.atrium.web.it.ChatPageCalls.sendByAjax;
import static io.atrium.web.it.ChatPageCalls.stream;
import static io.atrium.web.it.ChatPageCalls.streamedText;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nimbusds.jose.util.JSONObjectUtils;

import io.atrium.identity.ClaimsChallenge;
import io.atrium.standins.LocalPeers;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.tokens.TrustedIssuer;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.ReceivedRequest;
import io.atrium.standins.payara.PayaraMicroProcess;

/**
 * The chat page in {@code on-behalf-of} mode: an employee signed in with a browser session chats, and Azure OpenAI
 * (a stand-in that, like a resource with key authentication disabled, accepts only Entra tokens) receives a token
 * issued to that employee, obtained by exchanging the session's access token; no api-key is sent. The page offers the
 * configured deployments and the one chosen answers. Atrium runs on a Payara Micro of its own here, since the shared
 * one is in {@code api-key} mode with one deployment.
 */
@ExtendWith(AtriumStack.class)
class ChatOnBehalfOfIT {

    private static final String MFA_CLAIMS = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c2\"}}}";

    private static AzureOpenAiStandIn tokensOnly;
    private static PayaraMicroProcess atrium;

    @BeforeAll
    static void start() throws Exception {
        LocalPeers peers = AtriumStack.peers();
        EntraStandIn entra = peers.entra();
        tokensOnly = AzureOpenAiStandIn.startRequiringEntra(0, new TrustedIssuer(entra.issuer(), entra.clientId(),
                entra.truststore(), entra.truststorePassword()));
        Map<String, String> environment = new LinkedHashMap<>(peers.atriumEnvironment());
        environment.remove("AZURE_OPENAI_API_KEY");
        environment.put("AZURE_OPENAI_ENDPOINT", tokensOnly.endpoint());
        environment.put("ATRIUM_AI_CREDENTIAL", "on-behalf-of");
        environment.put("ATRIUM_AI_DEPLOYMENTS", "gpt-4o");
        Path directory = Files.createTempDirectory("atrium-chat-obo");
        atrium = PayaraMicroProcess.builder(Path.of(required("payara.microJar")), Path.of(required("atrium.war")))
                .port(0)
                .environment(environment)
                .truststore(peers.truststore(), peers.truststorePassword())
                .workDirectory(directory)
                .start();
        atrium.awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (atrium != null) {
            atrium.close();
        }
        if (tokensOnly != null) {
            tokensOnly.close();
        }
    }

    @Test
    void the_chat_page_reaches_azure_openai_with_a_token_issued_to_the_signed_in_employee_and_the_chosen_model() {
        URI base = URI.create(atrium.url() + "/");
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(base.resolve("/chat.xhtml"), "erin");
        assertThat(chat.html().select("select[id='chat:deployment'] option").eachAttr("value"))
                .containsExactly(LocalPeers.OPENAI_DEPLOYMENT, "gpt-4o");
        int callersBefore = tokensOnly.tokenCallers().size();

        ScriptedBrowser.Page streamed = stream(browser, base, sendByAjax(browser, chat, "On my own behalf",
                "gpt-4o"));

        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamedText(streamed.body())).isEqualTo("Echo: On my own behalf");
        List<String> callers = tokensOnly.tokenCallers();
        assertThat(callers.subList(callersBefore, callers.size())).containsExactly(DemoAccount.ERIN.oid());
        ReceivedRequest request = tokensOnly.received().get(tokensOnly.received().size() - 1);
        assertThat(request.hasApiKey()).isFalse();
        assertThat(request.deployment()).contains("gpt-4o");
        assertThat(request.header("authorization")).as("kept by the stand-in, which hides its value").isPresent();
    }

    /**
     * Continuous Access Evaluation end to end: Entra told Azure OpenAI of a critical event for Adam (sessions revoked),
     * so his cached token meets a claims challenge; Atrium asks Entra again with the claims, and Entra wants him to
     * sign in again (a Conditional Access policy). An API caller hears Entra's claims in a 401; the chat page sends him
     * to sign in again with them and back to the conversation, where the next question is answered.
     */
    @Test
    void after_a_critical_event_the_chat_sends_the_employee_to_sign_in_again_and_an_api_caller_hears_the_claims()
            throws Exception {
        URI base = URI.create(atrium.url() + "/");
        EntraStandIn entra = AtriumStack.peers().entra();
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(base.resolve("/chat.xhtml"), "adam");
        ScriptedBrowser.Page before = sendByAjax(browser, chat, "Before", "gpt-4o");
        assertThat(streamedText(stream(browser, base, before).body())).isEqualTo("Echo: Before");
        Thread.sleep(1_100);
        tokensOnly.criticalEvent(DemoAccount.ADAM.oid());
        entra.challengeOnBehalfOf(DemoAccount.ADAM, MFA_CLAIMS);
        try {
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            base.resolve("/api/v1/chat/completions"))
                    .header("Authorization", "Bearer " + DemoSignIn.at(entra).tokensFor(DemoAccount.ADAM).accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"From a script\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as(api.body()).isEqualTo(401);
            assertThat(api.headers().firstValue("WWW-Authenticate").flatMap(ClaimsChallenge::claimsOf))
                    .hasValue(MFA_CLAIMS);
            assertThat(api.body()).contains("sign in again");

            ScriptedBrowser.Page refused = stream(browser, base, sendByAjax(browser, chat, "After", "gpt-4o"));
            List<String> failed = events(refused.body(), "failed");
            assertThat(failed).as(refused.body()).hasSize(1);
            Object signInAgain = JSONObjectUtils.parse(failed.get(0)).get("signInAgain");
            assertThat(signInAgain).as(failed.get(0)).isInstanceOf(String.class);

            ScriptedBrowser.Page entraAgain = browser.follow(browser.get(base.resolve((String) signInAgain)));
            assertThat(entraAgain.uri().getPath()).endsWith("/v2.0/authorize");
            assertThat(entraAgain.uri().getRawQuery()).contains("claims=" + URLEncoder.encode(
                    ClaimsChallenge.withClientCapability(MFA_CLAIMS), StandardCharsets.UTF_8));
            ScriptedBrowser.Page back = browser.follow(browser.post(entraAgain.uri(), Map.of("username", "adam")));
            assertThat(back.uri().getPath()).isEqualTo("/chat.xhtml");
            assertThat(back.uri().getQuery()).as("back to the conversation")
                    .isEqualTo("c=" + find(CONVERSATION, before.body()));

            assertThat(streamedText(stream(browser, base, sendByAjax(browser, back, "Again", "gpt-4o")).body()))
                    .isEqualTo("Echo: Again");
        } finally {
            entra.clearChallenge(DemoAccount.ADAM);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests through Maven");
        }
        return value;
    }
}
