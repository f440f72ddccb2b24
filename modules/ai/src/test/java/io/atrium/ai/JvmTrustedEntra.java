package io.atrium.ai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.entra.LocalhostCertificate;

/**
 * The Entra ID stand-in whose certificate this test JVM trusts by default: azure-identity (inside AccessTokens) calls
 * Entra with the JDK's default SSL context, which reads {@code javax.net.ssl.trustStore} (set in the pom) once. As a
 * launcher session listener this makes the truststore before any test runs.
 */
public final class JvmTrustedEntra implements LauncherSessionListener {

    private static final String WORK_DIRECTORY_PROPERTY = "atrium.test.entra-work-directory";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            LocalhostCertificate.in(workDirectory().resolve("tls"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Entra stand-in's certificate for this JVM", e);
        }
    }

    /** The Entra ID stand-in on a free port, with the certificate the JVM trusts. */
    public static EntraStandIn start() throws IOException {
        return EntraStandIn.start(workDirectory(), 0);
    }

    private static Path workDirectory() {
        return Path.of(Objects.requireNonNull(System.getProperty(WORK_DIRECTORY_PROPERTY), "The system property "
                + WORK_DIRECTORY_PROPERTY + " is not set; the ai module's pom sets it for its tests"));
    }
}
