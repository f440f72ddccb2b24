package io.atrium.web.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.payara.PayaraMicroProcess;

/**
 * Starts Atrium's real peers (PostgreSQL, the Entra and Azure OpenAI stand-ins) once per test JVM, and hands their
 * settings to the Payara Micro JVM that Arquillian launches. Must run before Arquillian's extension, which reads
 * {@code payara.cmdOptions} and {@code payara.extraMicroOptions} when it starts its container.
 */
public final class AtriumStack implements BeforeAllCallback {

    /** A background application allowed to call Atrium's API on its own (ATRIUM_API_ALLOWED_CLIENTS). */
    public static final String DAEMON_CLIENT_ID = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";

    private static LocalPeers peers;

    public static synchronized LocalPeers peers() {
        if (peers == null) {
            peers = LocalPeers.start(options());
            Runtime.getRuntime().addShutdownHook(new Thread(peers::close, "atrium-peers-stop"));
            // The tests reach Atrium from loopback, so loopback plays the trusted reverse proxy.
            System.setProperty("payara.cmdOptions", "-Xmx512m -Datrium.trusted-proxies=127.0.0.1 " + promptSetting()
                    + "-Datrium.api.allowed-clients=" + EntraStandIn.CLIENT_ID + "," + DAEMON_CLIENT_ID + ","
                    + EntraStandIn.METRICS_CLIENT_ID + " "
                    + peers.atriumSystemProperties().entrySet().stream()
                    .map(setting -> "-D" + setting.getKey() + "=" + setting.getValue())
                    .collect(Collectors.joining(" ")));
            // The connector adds --nocluster unless clustering is "enabled", yet Hazelcast then still listens on every
            // interface; only --nohazelcast alone keeps the test JVM off the network.
            System.setProperty("payara.clusterEnabled", "true");
            System.setProperty("payara.extraMicroOptions", "--nohazelcast --prebootcommandfile " + loopbackPreboot());
        }
        return peers;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        peers();
    }

    /**
     * Against the hostile provider Atrium signs in silently first ({@code prompt=none}), which that provider, holding
     * no sessions, always declines: every sign-in there also proves the one interactive retry.
     */
    private static String promptSetting() {
        return isHostile() ? "-Datrium.oidc.prompt=none " : "";
    }

    private static boolean isHostile() {
        return "hostile".equals(System.getProperty("atrium.it.entra"));
    }

    /** The hostile OpenID provider plays Entra ID when the build asks for it (web/pom.xml, execution hostile-entra-it). */
    private static LocalPeers.Options options() {
        LocalPeers.Options options = LocalPeers.Options.ephemeral();
        return isHostile() ? options.hostileEntra() : options;
    }

    private static Path loopbackPreboot() {
        try {
            Path file = Files.createTempFile("atrium-it-preboot", ".asadmin");
            PayaraMicroProcess.writeSingleInstancePreboot(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings Atrium runs with in this test JVM, for assertions. */
    public static Map<String, String> settings() {
        return peers().atriumSystemProperties();
    }
}
