package io.atrium.web.it;

import static io.atrium.web.it.ChatPageCalls.sendByAjax;
import static io.atrium.web.it.ChatPageCalls.stream;
import static io.atrium.web.it.ChatPageCalls.streamedText;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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

import io.atrium.standins.LocalPeers;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.graph.TrustedIssuer;
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

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests through Maven");
        }
        return value;
    }
}
