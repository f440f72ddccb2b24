package io.atrium.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.TemporaryDirectories;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.web.it.ScriptedBrowser;

/**
 * Atrium on a real Payara Server 7, set up with the recipe of docs/operations.md exactly as ops would run it, against the local
 * peers: the EAR and then the WAR alone are deployed with the recipe's deploy step, and on each an employee signs in
 * at the Entra ID stand-in, is recorded in PostgreSQL, and chats with the Azure OpenAI stand-in.
 */
class PayaraServerIT {

    /** Atrium's secrets, given to the domain as environment variables, never as system properties. */
    private static final List<String> SECRETS = List.of("atrium.db.password", "azure.client-secret", "azure.openai.api-key");

    private static LocalPeers peers;
    private static Path work;
    private static Map<String, String> environment;
    private static int portBase;

    @BeforeAll
    static void a_domain_set_up_with_the_recipe() throws Exception {
        peers = LocalPeers.start(LocalPeers.Options.ephemeral());
        work = Files.createTempDirectory("atrium-payara-server");
        portBase = freePortBase();
        environment = new LinkedHashMap<>();
        environment.put("AS_JAVA", System.getProperty("java.home"));
        environment.put("PAYARA_HOME", existing("payara.server.home").toString());
        environment.put("ATRIUM_DOMAINS_DIR", work.resolve("domains").toString());
        environment.put("ATRIUM_PORT_BASE", Integer.toString(portBase));
        environment.put("ATRIUM_LISTEN_ADDRESS", "127.0.0.1");
        environment.put("ATRIUM_SETTINGS", writeSettings(work.resolve("atrium.properties")).toString());
        environment.put("ATRIUM_EXTRA_TRUSTSTORE", peers.truststore().toString());
        environment.put("ATRIUM_EXTRA_TRUSTSTORE_PASSWORD", peers.truststorePassword());
        peers.atriumEnvironment().forEach((name, value) -> {
            if (SECRETS.stream().anyMatch(secret -> name.equals(secret.toUpperCase().replaceAll("[^A-Z0-9]", "_")))) {
                environment.put(name, value);
            }
        });
        PayaraServerRecipe.run("payara-server-domain", environment, log());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (environment != null) {
                new ProcessBuilder(existing("payara.server.home").resolve("bin/asadmin").toString(), "stop-domain",
                        "--domaindir", environment.get("ATRIUM_DOMAINS_DIR"), "atrium")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                        .start().waitFor();
            }
        } finally {
            if (peers != null) {
                peers.close();
            }
            if (work != null) {
                TemporaryDirectories.delete(work);
            }
        }
    }

    @Test
    void the_ear_deployed_with_the_recipe_signs_an_employee_in_records_them_and_chats() throws Exception {
        deploy("atrium.ear");

        signInRecordAndChat(DemoAccount.ERIN);
    }

    @Test
    void the_war_alone_deployed_with_the_recipe_signs_an_employee_in_records_them_and_chats() throws Exception {
        deploy("atrium.war");

        signInRecordAndChat(DemoAccount.ADAM);
    }

    private static void deploy(String archiveProperty) throws IOException, InterruptedException {
        Map<String, String> deploy = new LinkedHashMap<>(environment);
        deploy.put("ATRIUM_ARCHIVE", existing(archiveProperty).toString());
        PayaraServerRecipe.run("payara-server-deploy", deploy, log());
    }

    private static void signInRecordAndChat(DemoAccount account) throws IOException {
        URI atrium = URI.create("http://localhost:" + (portBase + 80) + "/");
        long signInsBefore = loginEventsOf(account);
        ScriptedBrowser browser = new ScriptedBrowser(peers);

        ScriptedBrowser.Page home = browser.signIn(atrium, account.username());

        assertThat(home.status()).as(PayaraServerRecipe.tail(serverLog())).isEqualTo(200);
        assertThat(home.html().getElementById("greeting").text()).isEqualTo("Hello, " + account.displayName());
        assertThat(loginEventsOf(account)).as("the sign-in is recorded").isEqualTo(signInsBefore + 1);

        ScriptedBrowser.Page chat = browser.follow(browser.get(atrium.resolve("/chat.xhtml")));
        ScriptedBrowser.Page answered = browser.submit(chat, "chat",
                Map.of("chat:message", "Which branches open on Saturday?"), "chat:send");
        assertThat(answered.html().select(".turn.assistant .text").eachText())
                .containsExactly("Echo: Which branches open on Saturday?");

        ScriptedBrowser.Page ready = new ScriptedBrowser(peers).get(atrium.resolve("/health/ready"));
        assertThat(ready.status()).as("readiness without sign-in: " + ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"").contains("\"entra-id\"");
    }

    /**
     * The settings that are not secret, as the recipe's ATRIUM_SETTINGS file: plain {@code name=value} lines, as a
     * person writes them (not {@code Properties.store}, which escapes colons). The JVM's truststore is the domain's.
     */
    private static Path writeSettings(Path file) throws IOException {
        StringBuilder settings = new StringBuilder("# Atrium's settings for the local peers\n");
        peers.atriumSystemProperties().forEach((name, value) -> {
            if (!SECRETS.contains(name) && !name.startsWith("javax.net.ssl.")) {
                settings.append(name).append('=').append(value).append('\n');
            }
        });
        return Files.writeString(file, settings);
    }

    private static long loginEventsOf(DemoAccount account) {
        try (Connection connection = DriverManager.getConnection(peers.postgres().jdbcUrl(), peers.postgres().user(),
                peers.postgres().password());
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM login_event e "
                     + "JOIN app_user u ON u.id = e.user_id WHERE u.object_id = ?")) {
            count.setString(1, account.oid());
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            // Before the first deployment migrates the schema there is no table, and so no sign-in.
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw new IllegalStateException(e);
        }
    }

    /**
     * A port base whose whole block of 100 is free: create-domain checks ports across the block (base + 59 among them
     * on Payara 7, not only the ones it lists). Bases stay below Linux's ephemeral range (32768 and up), where any
     * outgoing connection of this build could take a port of the block between this check and create-domain.
     */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(120, 320) * 100;
            if (IntStream.range(0, 100).allMatch(offset -> isFree(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of 100 ports below 32000 for Payara Server");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(property + " does not name an existing file (" + value
                    + "): run the tests through Maven (./mvnw verify)");
        }
        return Path.of(value);
    }

    private static Path log() {
        return work.resolve("recipe.log");
    }

    private static Path serverLog() {
        return Path.of(environment.get("ATRIUM_DOMAINS_DIR"), "atrium", "logs", "server.log");
    }
}
