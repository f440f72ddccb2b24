package io.atrium.web.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.web.it.AtriumDeployment;
import io.atrium.web.it.AtriumIT;
import io.atrium.web.it.AtriumStack;
import io.atrium.web.it.ScriptedBrowser;

/**
 * Prometheus metrics at {@code /metrics} move as employees and programs use Atrium, and only a program holding the app
 * role {@code metrics-reader} reads them.
 */
@AtriumIT
class MetricsIT extends AtriumDeployment {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DEPLOYMENT = "deployment=\"" + LocalPeers.OPENAI_DEPLOYMENT + "\"";

    @Test
    void sign_ins_api_refusals_ai_calls_and_token_cache_lookups_are_counted_by_outcome_status_deployment_and_cache()
            throws Exception {
        PrometheusText before = metrics();
        LocalPeers peers = AtriumStack.peers();

        ScriptedBrowser browser = new ScriptedBrowser(peers);
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");
        ScriptedBrowser.Page answered = browser.submit(chat, "chat", Map.of("chat:message", "Hello"), "chat:send");
        assertThat(answered.html().select(".turn.assistant .text").eachText()).containsExactly("Echo: Hello");
        String atriumsKey = peers.openAi().apiKey();
        peers.openAi().rotateApiKey("a-key-atrium-does-not-have");
        try {
            browser.submit(answered, "chat", Map.of("chat:message", "Hello again"), "chat:send");
        } finally {
            peers.openAi().rotateApiKey(atriumsKey);
        }
        assertThat(new ScriptedBrowser(peers).get(atrium().resolve("/auth/callback?code=stolen&state=forged")).status())
                .isEqualTo(400);
        assertThat(api("/api/v1/me", null).statusCode()).isEqualTo(401);
        String erinsToken = DemoSignIn.at(peers.entra()).tokensFor(DemoAccount.ERIN).accessToken();
        assertThat(api("/api/v1/admin/users", erinsToken).statusCode()).isEqualTo(403);
        assertThat(api("/api/v1/admin/users", erinsToken).statusCode()).as("the same token again").isEqualTo(403);
        // The home page reads Erin's Graph profile with a token exchanged on her behalf: asked for, then reused.
        assertThat(browser.get(atrium().resolve("/")).status()).isEqualTo(200);
        assertThat(browser.get(atrium().resolve("/")).status()).isEqualTo(200);

        PrometheusText after = metrics();

        assertThat(after.increase(before, "atrium_sign_ins_total", "outcome=\"succeeded\"")).isEqualTo(1);
        assertThat(after.increase(before, "atrium_sign_ins_total", "outcome=\"failed\"", "status=\"400\"")).isEqualTo(1);
        assertThat(after.increase(before, "atrium_unsolicited_callbacks_total")).as("the forged callback").isEqualTo(1);
        assertThat(after.increase(before, "atrium_api_refusals_total", "status=\"401\"")).isEqualTo(1);
        assertThat(after.increase(before, "atrium_api_refusals_total", "status=\"403\"")).isEqualTo(2);
        assertThat(after.increase(before, "atrium_ai_calls_total", DEPLOYMENT, "status=\"200\"")).isEqualTo(1);
        assertThat(after.increase(before, "atrium_ai_errors_total", DEPLOYMENT, "status=\"401\"")).isEqualTo(1);
        assertThat(after.increase(before, "atrium_ai_call_duration_seconds_count", DEPLOYMENT)).isEqualTo(2);
        assertThat(after.value("atrium_ai_call_duration_seconds_sum", DEPLOYMENT)).isPositive();
        // Erin's token once, and the token Prometheus read the metrics with, new for each read.
        assertThat(after.increase(before, "atrium_token_cache_misses_total", "cache=\"bearer\"")).isEqualTo(2);
        assertThat(after.increase(before, "atrium_token_cache_hits_total", "cache=\"bearer\"")).isEqualTo(1);
        assertThat(after.increase(before, "atrium_token_cache_misses_total", "cache=\"on-behalf-of\"")).isPositive();
        assertThat(after.increase(before, "atrium_token_cache_hits_total", "cache=\"on-behalf-of\"")).isPositive();
    }

    @Test
    void the_metrics_are_refused_without_a_token_to_employees_and_to_programs_without_the_metrics_role()
            throws Exception {
        LocalPeers peers = AtriumStack.peers();
        String erinsToken = DemoSignIn.at(peers.entra()).tokensFor(DemoAccount.ERIN).accessToken();
        String atriumsOwnToken = DemoSignIn.at(peers.entra()).appTokenFor(EntraStandIn.CLIENT_ID);

        HttpResponse<String> anonymous = api("/metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"atrium\"");
        assertThat(anonymous.body()).doesNotContain("atrium_");
        assertThat(api("/metrics", erinsToken).statusCode()).as("an employee's token").isEqualTo(403);
        assertThat(api("/metrics", atriumsOwnToken).statusCode()).as("an app role other than metrics-reader")
                .isEqualTo(403);
        assertThat(api("/metrics", "not-a-token").statusCode()).isEqualTo(401);
        ScriptedBrowser adam = new ScriptedBrowser(peers);
        adam.signIn(atrium(), "adam");
        assertThat(adam.get(atrium().resolve("/metrics")).status()).as("an administrator's browser session")
                .isEqualTo(401);
    }

    /** As Prometheus reads them: with its own application token, a new one each time. */
    private PrometheusText metrics() throws IOException, InterruptedException {
        String prometheus = DemoSignIn.at(AtriumStack.peers().entra()).appTokenFor(EntraStandIn.METRICS_CLIENT_ID);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(atrium().resolve("/metrics"))
                .header("Accept", "text/plain").header("Authorization", "Bearer " + prometheus).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new PrometheusText(answer.body());
    }

    private HttpResponse<String> api(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(atrium().resolve(URI.create(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
