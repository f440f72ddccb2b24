package io.atrium.standins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts for clients in this JVM that call a local peer, trusting exactly what its truststore holds. */
public final class Truststores {

    private Truststores() {
    }

    /** An {@link SSLContext} that trusts the certificates in the PKCS12 {@code truststore} and nothing else. */
    public static SSLContext trusting(Path truststore, String password) {
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(in, password.toCharArray());
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the truststore " + truststore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot use the truststore " + truststore, e);
        }
    }
}
