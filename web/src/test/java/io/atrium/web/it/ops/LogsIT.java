package io.atrium.web.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.TemporaryDirectories;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.postgres.PostgresStandIn;
import io.atrium.web.it.AtriumStack;
import io.atrium.web.it.ScriptedBrowser;

/**
 * Atrium's log in JSON ({@code ATRIUM_LOG_FORMAT=json}) after a whole working session: an employee signs in, chats,
 * a program calls the API with a good and a bad token. The log must then be one JSON object per line, tie the lines
 * to their requests, and hold none of the secrets and tokens that went by.
 */
class LogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Any JSON Web Token: a header and a payload that are base64url JSON objects. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.");
    private static final String INSTALLED_LINE = "log lines carry request ids, format json";

    private static Path directory;
    private static AtriumProcess atrium;
    private static final List<String> secrets = new ArrayList<>();
    private static String signInRequestId;

    @BeforeAll
    static void a_whole_working_session() throws IOException {
        directory = Files.createTempDirectory("atrium-logs-it");
        atrium = AtriumProcess.start(directory, Map.of("ATRIUM_LOG_FORMAT", "json"));
        LocalPeers peers = AtriumStack.peers();
        secrets.addAll(List.of(peers.entra().clientSecret(), peers.openAi().apiKey(), PostgresStandIn.PASSWORD));

        ScriptedBrowser browser = new ScriptedBrowser(peers);
        URI base = atrium.uri("/");
        ScriptedBrowser.Page entraLogin = browser.follow(browser.get(base.resolve("/chat.xhtml")));
        ScriptedBrowser.Page toCallback = browser.post(entraLogin.uri(), Map.of("username", "erin"));
        URI callback = toCallback.location();
        secrets.add(parameter(callback, "code"));
        ScriptedBrowser.Page signedIn = browser.get(callback);
        signInRequestId = signedIn.header("X-Request-Id");
        secrets.add(signedIn.header("Set-Cookie").split(";", 2)[0].split("=", 2)[1]);
        ScriptedBrowser.Page chat = browser.follow(signedIn);
        ScriptedBrowser.Page answered = browser.submit(chat, "chat", Map.of("chat:message", "What is our leave policy?"),
                "chat:send");
        assertThat(answered.html().select(".turn.assistant .text").eachText()).as("the chat worked")
                .containsExactly("Echo: What is our leave policy?");

        DemoSignIn.Tokens tokens = DemoSignIn.at(peers.entra()).tokensFor(DemoAccount.ERIN);
        secrets.addAll(List.of(tokens.accessToken(), tokens.idToken(), tokens.refreshToken()));
        assertThat(callApi(tokens.accessToken()).statusCode()).isEqualTo(200);
        String forged = tokens.accessToken().substring(0, tokens.accessToken().length() - 6) + "AAAAAA";
        secrets.add(forged);
        assertThat(callApi(forged).statusCode()).isEqualTo(401);
        assertThat(callApi("opaque-secret-looking-value-1234").statusCode()).isEqualTo(401);
        secrets.add("opaque-secret-looking-value-1234");
    }

    @AfterAll
    static void stop() throws IOException {
        if (atrium != null) {
            atrium.close();
        }
        TemporaryDirectories.delete(directory);
    }

    @Test
    void no_token_secret_key_code_or_session_id_that_went_by_is_in_the_log() {
        String log = atrium.log();

        assertThat(log).contains("sign-in succeeded").contains("API call refused");
        for (String secret : secrets) {
            assertThat(log).as("a secret of " + secret.length() + " characters").doesNotContain(secret);
        }
        Matcher jwt = JWT.matcher(log);
        assertThat(jwt.find()).as("a JSON Web Token in the log" + (jwt.find(0) ? " at: " + around(log, jwt.start()) : ""))
                .isFalse();
        assertThat(log).doesNotContainIgnoringCase("Bearer ey").doesNotContain("client_secret=")
                .doesNotContain("api-key:");
    }

    @Test
    void once_atrium_is_deployed_every_line_is_one_json_object_with_the_request_id_of_its_request() throws IOException {
        List<String> lines = Files.readAllLines(atrium.logFile());
        int from = indexOfLineContaining(lines, INSTALLED_LINE);
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines.subList(from, lines.size())) {
            if (!line.isBlank()) {
                JsonNode record = JSON.readTree(line);
                assertThat(record.isObject()).as(line).isTrue();
                assertThat(record.has("time") && record.has("level") && record.has("message")).as(line).isTrue();
                records.add(record);
            }
        }
        assertThat(records).anySatisfy(record -> {
            assertThat(record.path("message").asText()).startsWith("sign-in succeeded: user=" + DemoAccount.ERIN.upn());
            assertThat(record.path("requestId").asText()).isEqualTo(signInRequestId);
        });
    }

    private static HttpResponse<String> callApi(String token) {
        return atrium.send(HttpRequest.newBuilder(atrium.uri("/api/v1/me")).header("Authorization", "Bearer " + token)
                .build());
    }

    private static int indexOfLineContaining(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "' in the log");
    }

    private static String parameter(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    private static String around(String log, int index) {
        return log.substring(Math.max(0, index - 200), Math.min(log.length(), index + 40));
    }
}
