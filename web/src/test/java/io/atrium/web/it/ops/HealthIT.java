package io.atrium.web.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atrium.standins.LocalPorts;
import io.atrium.standins.TemporaryDirectories;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.postgres.PostgresStandIn;

/**
 * The health endpoints as Kubernetes' probes and a load balancer see them: reachable without signing in, UP or DOWN
 * per check name and nothing more. Atrium runs here on a PostgreSQL and an Entra ID stand-in of its own, which the
 * tests stop and start again, and authenticates to Azure OpenAI with Entra tokens ({@code entra} mode). Entra's
 * tokens live a minute here, less than Atrium's refresh margin, so that every readiness answer asks Entra anew rather
 * than reuse a cached token.
 */
class HealthIT {

    private static Path directory;
    private static int postgresPort;
    private static PostgresStandIn postgres;
    private static int entraPort;
    private static EntraStandIn entra;
    private static AtriumProcess atrium;

    @BeforeAll
    static void start() throws IOException {
        directory = Files.createTempDirectory("atrium-health-it");
        postgresPort = LocalPorts.free();
        postgres = PostgresStandIn.persistent(directory.resolve("postgres"), postgresPort);
        entraPort = LocalPorts.free();
        entra = startEntra();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ATRIUM_DB_URL", postgres.jdbcUrl());
        settings.put("AZURE_AUTHORITY_HOST", entra.authorityHost());
        settings.put("ATRIUM_AI_CREDENTIAL", "entra");
        atrium = AtriumProcess.start(directory.resolve("payara"), settings,
                payara -> payara.truststore(entra.truststore(), entra.truststorePassword()));
    }

    /** On the same port and certificate each time, as Entra is the same Entra when it comes back. */
    private static EntraStandIn startEntra() throws IOException {
        EntraStandIn started = EntraStandIn.start(directory.resolve("entra"), entraPort);
        started.tokenEndpointLifetime(Duration.ofMinutes(1));
        return started;
    }

    @AfterAll
    static void stop() throws IOException {
        if (atrium != null) {
            atrium.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (entra != null) {
            entra.close();
        }
        TemporaryDirectories.delete(directory);
    }

    @Test
    void liveness_readiness_and_startup_answer_up_to_anyone_naming_each_check_and_nothing_more() {
        HealthAnswer live = HealthAnswer.of(atrium.get("/health/live"));
        HealthAnswer ready = HealthAnswer.of(atrium.get("/health/ready"));
        HealthAnswer started = HealthAnswer.of(atrium.get("/health/started"));

        assertThat(live.httpStatus()).isEqualTo(200);
        assertThat(live.status()).isEqualTo("UP");
        assertThat(live.checks()).containsEntry("threads", "UP");
        assertThat(ready.httpStatus()).isEqualTo(200);
        assertThat(ready.checks()).containsEntry("database", "UP").containsEntry("entra-id", "UP")
                .containsEntry("ai-credential", "UP");
        assertThat(started.httpStatus()).isEqualTo(200);
        assertThat(started.checks()).containsEntry("startup", "UP");
        for (HealthAnswer answer : new HealthAnswer[] {live, ready, started}) {
            assertThat(answer.details()).as("nothing beyond name and status in " + answer.body()).isEmpty();
            assertThat(answer.body()).doesNotContain("jdbc").doesNotContain("localhost")
                    .doesNotContain(PostgresStandIn.PASSWORD);
        }
    }

    @Test
    void without_postgresql_atrium_is_not_ready_but_alive_and_is_ready_again_when_it_returns() throws IOException {
        postgres.close();
        try {
            HealthAnswer ready = atrium.awaitHealth("/health/ready", 503);
            HealthAnswer live = HealthAnswer.of(atrium.get("/health/live"));

            assertThat(ready.status()).isEqualTo("DOWN");
            assertThat(ready.checks()).containsEntry("database", "DOWN").containsEntry("entra-id", "UP");
            assertThat(ready.body()).doesNotContain("Connection").doesNotContain("jdbc");
            assertThat(live.httpStatus()).isEqualTo(200);
            assertThat(atrium.log()).as("the reason is in the log").contains("health check database is DOWN");
        } finally {
            postgres = PostgresStandIn.persistent(directory.resolve("postgres"), postgresPort);
        }
        assertThat(atrium.awaitHealth("/health/ready", 200).checks()).containsEntry("database", "UP");
    }

    @Test
    void without_entra_atrium_is_not_ready_naming_entra_and_its_ai_credential_and_is_ready_again_when_entra_returns()
            throws IOException {
        entra.close();
        try {
            HealthAnswer ready = atrium.awaitCheck("/health/ready", "ai-credential", "DOWN");

            assertThat(ready.httpStatus()).isEqualTo(503);
            assertThat(ready.status()).isEqualTo("DOWN");
            assertThat(ready.checks()).containsEntry("entra-id", "DOWN").containsEntry("ai-credential", "DOWN")
                    .containsEntry("database", "UP");
            assertThat(ready.body()).doesNotContain("localhost").doesNotContain("Connect");
            assertThat(HealthAnswer.of(atrium.get("/health/live")).httpStatus()).as("alive all the same").isEqualTo(200);
            assertThat(atrium.log()).as("the reasons are in the log").contains("health check entra-id is DOWN")
                    .contains("health check ai-credential is DOWN");
        } finally {
            entra = startEntra();
        }
        HealthAnswer ready = atrium.awaitCheck("/health/ready", "ai-credential", "UP");
        assertThat(ready.httpStatus()).isEqualTo(200);
        assertThat(ready.checks()).containsEntry("entra-id", "UP").containsEntry("ai-credential", "UP");
        assertThat(atrium.log()).contains("health check entra-id is UP again")
                .contains("health check ai-credential is UP again");
    }
}
