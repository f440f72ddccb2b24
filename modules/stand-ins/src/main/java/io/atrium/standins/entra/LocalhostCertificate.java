package io.atrium.standins.entra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed TLS certificate for {@code localhost} and {@code 127.0.0.1}, with a keystore for the server and a
 * truststore holding only the certificate for its clients.
 *
 * <p>Both files are kept in a directory chosen by the caller and reused while the certificate stays valid, so a
 * browser that was told once to accept it in dev mode keeps accepting it across restarts.
 */
public final class LocalhostCertificate {

    /** The JDK's customary truststore password: a truststore holds no secret. */
    public static final String TRUSTSTORE_PASSWORD = "changeit";
    public static final String KEYSTORE_PASSWORD = "atrium-localhost-only";

    private static final String ALIAS = "localhost";
    private static final Duration VALIDITY = Duration.ofDays(365);
    /** Regenerated this long before it expires, so a dev session never meets an expiring certificate mid-way. */
    private static final Duration RENEWAL_MARGIN = Duration.ofDays(7);

    private final Path keystore;
    private final Path truststore;

    private LocalhostCertificate(Path keystore, Path truststore) {
        this.keystore = keystore;
        this.truststore = truststore;
    }

    /** The certificate in {@code directory}, generated if it is missing, unreadable or about to expire. */
    public static LocalhostCertificate in(Path directory) throws IOException {
        Files.createDirectories(directory);
        LocalhostCertificate certificate =
                new LocalhostCertificate(directory.resolve("localhost.p12"), directory.resolve("truststore.p12"));
        if (!certificate.isUsable()) {
            certificate.generate();
        }
        return certificate;
    }

    public Path keystore() {
        return keystore;
    }

    public Path truststore() {
        return truststore;
    }

    private boolean isUsable() {
        if (!Files.isRegularFile(keystore) || !Files.isRegularFile(truststore)) {
            return false;
        }
        try {
            X509Certificate served = certificateIn(load(keystore, KEYSTORE_PASSWORD));
            X509Certificate trusted = (X509Certificate) load(truststore, TRUSTSTORE_PASSWORD).getCertificate(ALIAS);
            return served.equals(trusted)
                    && served.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEWAL_MARGIN));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private void generate() throws IOException {
        Files.deleteIfExists(keystore);
        Files.deleteIfExists(truststore);
        // keytool ships with every JDK and writes SAN extensions; the JDK has no public API for issuing certificates.
        runKeytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                "-sigalg", "SHA256withRSA", "-validity", Long.toString(VALIDITY.toDays()),
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD));
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, certificateIn(load(keystore, KEYSTORE_PASSWORD)));
            try (OutputStream out = Files.newOutputStream(truststore)) {
                trusted.store(out, TRUSTSTORE_PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot write the truststore " + truststore, e);
        }
    }

    private static X509Certificate certificateIn(KeyStore keyStore) throws GeneralSecurityException {
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(ALIAS);
        if (certificate == null) {
            throw new GeneralSecurityException("No certificate under the alias " + ALIAS);
        }
        return certificate;
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, password.toCharArray());
        }
        return keyStore;
    }

    private static void runKeytool(List<String> arguments) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool could not generate the localhost certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while generating the localhost certificate");
        }
    }
}
