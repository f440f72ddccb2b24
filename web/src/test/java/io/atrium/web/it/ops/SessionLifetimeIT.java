package io.atrium.web.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atrium.standins.TemporaryDirectories;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.web.it.AtriumStack;
import io.atrium.web.it.Database;
import io.atrium.web.it.ScriptedBrowser;

/**
 * How long a browser session lasts, on an Atrium whose limits are short enough to watch: one minute without a request
 * ends it, two minutes after sign-in end it however busy it is, and its access token is refreshed at every request a
 * second after the last refresh, each refresh taking the roles Entra gives now.
 */
class SessionLifetimeIT {

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(2);

    private static Path directory;
    private static AtriumProcess atrium;

    @BeforeAll
    static void start() throws IOException {
        directory = Files.createTempDirectory("atrium-session-lifetime-it");
        atrium = AtriumProcess.start(directory, Map.of(
                "ATRIUM_SESSION_IDLE_TIMEOUT_MINUTES", String.valueOf(IDLE_TIMEOUT.toMinutes()),
                "ATRIUM_SESSION_MAX_LIFETIME_MINUTES", String.valueOf(MAX_LIFETIME.toMinutes()),
                // The stand-in's sign-in tokens live an hour: this margin makes any token older than a second due.
                "ATRIUM_SESSION_TOKEN_REFRESH_MARGIN_SECONDS", "3599"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (atrium != null) {
            atrium.close();
        }
        TemporaryDirectories.delete(directory);
    }

    @Test
    void an_admin_role_removed_in_entra_stops_working_at_the_next_token_refresh_and_the_admin_pages_show_it()
            throws Exception {
        EntraStandIn entra = AtriumStack.peers().entra();
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        adam.signIn(atrium.uri("/"), "adam");
        assertThat(adam.get(atrium.uri("/admin/users.xhtml")).status()).isEqualTo(200);
        long refreshesBefore = entra.tokenRequests("refresh_token");
        try {
            // Both ways Adam is an admin: the app role, and the group mapped to admin.
            entra.assignAppRoles(DemoAccount.ADAM, List.of("employee"));
            entra.assignGroups(DemoAccount.ADAM, List.of(DemoAccount.ALL_EMPLOYEES_GROUP));
            Thread.sleep(1_100); // past the refresh margin: the next request refreshes

            ScriptedBrowser.Page refused = adam.get(atrium.uri("/admin/users.xhtml"));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(entra.tokenRequests("refresh_token")).isGreaterThan(refreshesBefore);
            ScriptedBrowser.Page home = adam.get(atrium.uri("/"));
            assertThat(home.status()).as("still signed in").isEqualTo(200);
            assertThat(home.html().select("span.role").eachText()).containsExactly("employee");
            assertThat(Database.texts("SELECT g.role || '/' || g.source FROM role_grant g JOIN app_user u ON "
                    + "u.id = g.user_id WHERE u.object_id = ? AND g.revoked_at IS NULL ORDER BY 1",
                    DemoAccount.ADAM.oid())).as("what the admin pages list for Adam")
                    .doesNotContain("admin/entra-app-role", "admin/entra-group").contains("employee/entra-app-role");
            assertThat(atrium.log()).contains("roles changed in Entra, applied at token refresh: user="
                    + DemoAccount.ADAM.upn());
        } finally {
            entra.assignAppRoles(DemoAccount.ADAM, DemoAccount.ADAM.roles());
            entra.assignGroups(DemoAccount.ADAM, DemoAccount.ADAM.groups());
        }
        Thread.sleep(1_100);
        assertThat(adam.get(atrium.uri("/admin/users.xhtml")).status()).as("assigned again, admin again")
                .isEqualTo(200);
    }

    @Test
    void an_idle_session_ends_after_the_idle_timeout_and_a_busy_one_at_its_maximum_lifetime() throws Exception {
        ScriptedBrowser idle = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser busy = new ScriptedBrowser(AtriumStack.peers());
        Instant signedIn = Instant.now();
        idle.signIn(atrium.uri("/"), "erin");
        busy.signIn(atrium.uri("/"), "olivia");

        Instant idleEnded = signedIn.plus(IDLE_TIMEOUT).plusSeconds(3);
        while (Instant.now().isBefore(idleEnded)) {
            assertThat(busy.get(atrium.uri("/")).status()).as("busy, within its lifetime").isEqualTo(200);
            Thread.sleep(15_000);
        }
        assertThat(idle.get(atrium.uri("/")).status()).as("idle for longer than the timeout").isEqualTo(302);
        assertThat(atrium.log()).as("ended by the idle timeout, not the lifetime")
                .doesNotContain("session reached its maximum lifetime: user=" + DemoAccount.ERIN.upn());

        Instant lifetimeOver = signedIn.plus(MAX_LIFETIME).plusSeconds(3);
        while (Instant.now().isBefore(lifetimeOver.minusSeconds(8))) {
            assertThat(busy.get(atrium.uri("/")).status()).as("busy, within its lifetime").isEqualTo(200);
            Thread.sleep(15_000);
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), lifetimeOver).toMillis()));
        ScriptedBrowser.Page ended = busy.get(atrium.uri("/"));

        assertThat(ended.status()).isEqualTo(302);
        URI toEntra = ended.location();
        assertThat(toEntra.getPath()).endsWith("/v2.0/authorize");
        assertThat(atrium.log()).contains("session reached its maximum lifetime: user=" + DemoAccount.OLIVIA.upn());
    }
}
