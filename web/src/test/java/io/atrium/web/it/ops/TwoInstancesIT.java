package io.atrium.web.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.atrium.standins.TemporaryDirectories;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.payara.LoopbackDataGrid;
import io.atrium.standins.postgres.PostgresStandIn;
import io.atrium.web.it.AtriumStack;
import io.atrium.web.it.ScriptedBrowser;

/**
 * Two Atrium instances on this machine in one Payara data grid bound to 127.0.0.1, sharing a database, as behind a
 * load balancer: one cookie works on both. The standing cache is set to ten minutes, so that only the relay between
 * the instances can end a disabled employee's session on the other one within the test. The second test stops the
 * first instance, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final Duration RELAY_DEADLINE = Duration.ofSeconds(15);

    private static Path directory;
    private static PostgresStandIn postgres;
    private static AtriumProcess first;
    private static AtriumProcess second;

    @BeforeAll
    static void start() throws IOException {
        directory = Files.createTempDirectory("atrium-two-instances-it");
        postgres = PostgresStandIn.ephemeral();
        // One key for both: a session moves between them with its tokens sealed by it.
        Map<String, String> settings = Map.of("ATRIUM_DB_URL", postgres.jdbcUrl(),
                "ATRIUM_SESSION_STANDING_CACHE_SECONDS", "600",
                "ATRIUM_SESSION_TOKEN_KEYS", "it:" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        LoopbackDataGrid grid = LoopbackDataGrid.of(2);
        // Started side by side: each waits mostly for its own deployment.
        CompletableFuture<AtriumProcess> one = CompletableFuture.supplyAsync(() -> startMember(settings, grid, 0));
        CompletableFuture<AtriumProcess> two = CompletableFuture.supplyAsync(() -> startMember(settings, grid, 1));
        try {
            first = one.join();
            second = two.join();
        } catch (CompletionException e) {
            one.thenAccept(AtriumProcess::close);
            two.thenAccept(AtriumProcess::close);
            throw e;
        }
    }

    private static AtriumProcess startMember(Map<String, String> settings, LoopbackDataGrid grid, int member) {
        try {
            return AtriumProcess.startInDataGrid(directory.resolve("member-" + member), settings, grid, member);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        for (AtriumProcess instance : new AtriumProcess[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        TemporaryDirectories.delete(directory);
    }

    @Test
    @Order(1)
    void a_sign_out_at_entra_that_reaches_one_instance_ends_the_sessions_on_both_also_one_that_moved_there()
            throws Exception {
        ScriptedBrowser moved = new ScriptedBrowser(AtriumStack.peers());
        assertThat(greeting(moved.signIn(first.uri("/"), "olivia"))).isEqualTo("Hello, Olivia Overage");
        moved.shareCookies(first.uri("/"), second.uri("/"));
        assertThat(greeting(moved.get(second.uri("/")))).as("signed in on the first, now served by the second")
                .isEqualTo("Hello, Olivia Overage");
        ScriptedBrowser onFirst = new ScriptedBrowser(AtriumStack.peers());
        assertThat(greeting(onFirst.signIn(first.uri("/"), "olivia"))).isEqualTo("Hello, Olivia Overage");
        ScriptedBrowser onSecond = new ScriptedBrowser(AtriumStack.peers());
        assertThat(greeting(onSecond.signIn(second.uri("/"), "olivia"))).isEqualTo("Hello, Olivia Overage");

        // Entra's iframe reaches whichever instance the load balancer picks: here the second.
        String issuer = AtriumStack.settings().get("azure.authority-host") + "/"
                + AtriumStack.settings().get("azure.tenant-id") + "/v2.0";
        ScriptedBrowser.Page logout = new ScriptedBrowser(AtriumStack.peers()).get(second.uri(
                "/auth/front-channel-logout?sid=" + DemoAccount.OLIVIA.entraSessionId() + "&iss="
                        + java.net.URLEncoder.encode(issuer, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(logout.status()).isEqualTo(200);

        assertThat(onSecond.get(second.uri("/")).status()).as("signed in where the logout arrived").isEqualTo(302);
        assertThat(moved.get(second.uri("/")).status()).as("moved to where the logout arrived").isEqualTo(302);
        assertThat(awaitRefused(onFirst, first.uri("/")).status()).as("signed in on the other instance")
                .isEqualTo(302);
        assertThat(moved.get(first.uri("/")).status()).as("and on the instance it signed in on").isEqualTo(302);
    }

    @Test
    @Order(2)
    void one_cookie_works_on_both_instances_a_disable_on_one_ends_sessions_on_both_and_a_session_outlives_its_instance()
            throws Exception {
        assertThat(first.log()).as("the instances found each other, on loopback only")
                .contains("DG Size: 2").doesNotContainPattern("Address: /(?!127\\.0\\.0\\.1)");

        ScriptedBrowser erinSignedInOnFirst = new ScriptedBrowser(AtriumStack.peers());
        assertThat(greeting(erinSignedInOnFirst.signIn(first.uri("/"), "erin"))).isEqualTo("Hello, Erin Employee");
        erinSignedInOnFirst.shareCookies(first.uri("/"), second.uri("/"));
        assertThat(greeting(erinSignedInOnFirst.get(second.uri("/")))).as("the session signed in on the first, "
                + "served by the second").isEqualTo("Hello, Erin Employee");
        ScriptedBrowser erinSignedInOnSecond = new ScriptedBrowser(AtriumStack.peers());
        assertThat(greeting(erinSignedInOnSecond.signIn(second.uri("/"), "erin"))).isEqualTo("Hello, Erin Employee");

        String adminToken = DemoSignIn.at(AtriumStack.peers().entra()).tokensFor(DemoAccount.ADAM).accessToken();
        HttpResponse<String> disabled = first.send(HttpRequest.newBuilder(
                        first.uri("/api/v1/admin/users/" + userId(DemoAccount.ERIN) + "/disable"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"left the bank\"}")).build());
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(204);
        Instant disabledAt = Instant.now();

        ScriptedBrowser.Page onSecond = awaitRefused(erinSignedInOnSecond, second.uri("/"));
        System.out.println("TwoInstancesIT: session on the other instance refused "
                + Duration.between(disabledAt, Instant.now()).toMillis() + " ms after the disable");
        assertThat(onSecond.status())
                .as(() -> "Erin's session on the other instance ends" + lastFailureIn(second, onSecond))
                .isIn(302, 403);
        assertThat(erinSignedInOnSecond.get(second.uri("/")).status()).as("and stays ended").isEqualTo(302);
        assertThat(erinSignedInOnFirst.get(first.uri("/")).status()).as("her session on the first as well")
                .isIn(302, 403);
        assertThat(erinSignedInOnFirst.get(second.uri("/")).status()).as("wherever it is served").isEqualTo(302);

        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        assertThat(greeting(adam.signIn(first.uri("/"), "adam"))).isEqualTo("Hello, Adam Admin");
        adam.shareCookies(first.uri("/"), second.uri("/"));
        first.close();
        ScriptedBrowser.Page afterTheFirstStopped = adam.get(second.uri("/"));
        assertThat(afterTheFirstStopped.status()).as("no new sign-in").isEqualTo(200);
        assertThat(greeting(afterTheFirstStopped)).isEqualTo("Hello, Adam Admin");
        assertThat(adam.get(second.uri("/admin/users.xhtml")).status()).as("his roles came along").isEqualTo(200);

        for (AtriumProcess instance : new AtriumProcess[] {first, second}) {
            assertThat(instance.log()).as("no token in the log of " + instance.logFile())
                    .doesNotContain(adminToken).doesNotContain("eyJ");
        }
    }

    private static String greeting(ScriptedBrowser.Page page) {
        assertThat(page.status()).as(page.uri() + ":\n" + page.body()).isEqualTo(200);
        return page.html().select("#greeting").text();
    }

    /**
     * The last failure an instance logged, for a test's message when it answered 500. Payara writes its log from a
     * queue, so the line may arrive a moment after the answer.
     */
    private static String lastFailureIn(AtriumProcess instance, ScriptedBrowser.Page answer) {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String log = instance.log();
        int at = Math.max(log.lastIndexOf("[SEVERE]"), log.lastIndexOf("[WARNING]"));
        String answered = "; it answered " + answer.headers() + "\n" + answer.body();
        return at < 0 ? answered : answered + "\nthe instance's last failure: "
                + log.substring(at, Math.min(log.length(), at + 3000));
    }

    /** The relay is asynchronous: polls until the page is no longer served. */
    private static ScriptedBrowser.Page awaitRefused(ScriptedBrowser browser, URI page) throws InterruptedException {
        Instant deadline = Instant.now().plus(RELAY_DEADLINE);
        ScriptedBrowser.Page answer = browser.get(page);
        while (answer.status() == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            answer = browser.get(page);
        }
        return answer;
    }

    private static String userId(DemoAccount account) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                postgres.password());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT CAST(id AS text) FROM app_user WHERE object_id = ?")) {
            query.setString(1, account.oid());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as(account.username() + " has signed in").isTrue();
                return row.getString(1);
            }
        }
    }
}
