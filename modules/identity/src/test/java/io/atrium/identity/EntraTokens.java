package io.atrium.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.atrium.identity.internal.outbound.EntraAccessTokens;
import io.atrium.identity.internal.outbound.SettingsFromEnvironment;
import io.atrium.standins.entra.EntraStandIn;

/** What the AccessTokens tests share: settings for the stand-in, credentials on disk, reading tokens and logs. */
public final class EntraTokens {

    static final String DOWNSTREAM_API = "api://downstream-api";
    public static final String CERTIFICATE_PASSWORD = "atrium-test-certificate";

    private EntraTokens() {
    }

    /** The settings of Atrium's app registration at the stand-in, with the credential settings given. */
    static AccessTokens accessTokens(EntraStandIn entra, Map<String, String> credential) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "AZURE_AUTHORITY_HOST", entra.authorityHost(),
                "AZURE_TENANT_ID", entra.tenantId(),
                "AZURE_CLIENT_ID", entra.clientId()));
        environment.putAll(credential);
        return new EntraAccessTokens(SettingsFromEnvironment.of(environment));
    }

    static Map<String, String> clientSecret(EntraStandIn entra) {
        return Map.of("ATRIUM_APP_CREDENTIAL", "client-secret", "AZURE_CLIENT_SECRET", entra.clientSecret());
    }

    static JWTClaimsSet claimsOf(String token) throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    /** A self-signed certificate with its key in a PKCS#12 file, as an operator would mount one; made by keytool. */
    public static Path pkcs12Certificate(Path directory) throws IOException, InterruptedException {
        Path file = Files.createTempDirectory(directory, "certificate").resolve("atrium-app.pfx");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "atrium-app", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=atrium-app", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", CERTIFICATE_PASSWORD, "-keypass", CERTIFICATE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return file;
    }

    /** The same certificate and key as PEM: the key in PKCS#8, then the certificate. */
    public static Path pemCertificate(Path pkcs12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, CERTIFICATE_PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("atrium-app", CERTIFICATE_PASSWORD.toCharArray());
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String text = "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(store.getCertificate("atrium-app").getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Path file = pkcs12.resolveSibling("atrium-app.pem");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    /**
     * A projected service account token as Azure Workload Identity mounts one, except that its subject is the client
     * id: the stand-in (Nimbus's private_key_jwt rules) accepts no other subject, where Entra matches the federated
     * credential's subject ({@code system:serviceaccount:ns:name}).
     */
    public static Path federatedTokenFile(Path directory, String clientId) throws Exception {
        RSAKey clusterKey = new RSAKeyGenerator(2048).keyID("cluster").generate();
        Date now = new Date();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("cluster").build(),
                new JWTClaimsSet.Builder()
                        .issuer("https://oidc.cluster.example/" + UUID.randomUUID())
                        .subject(clientId)
                        .audience("api://AzureADTokenExchange")
                        .issueTime(now).notBeforeTime(now)
                        .expirationTime(new Date(now.getTime() + 3_600_000))
                        .build());
        token.sign(new RSASSASigner(clusterKey));
        return Files.writeString(Files.createTempDirectory(directory, "workload-identity").resolve("azure-identity-token"),
                token.serialize());
    }

    /** Collects what {@link AccessTokens} logs while it is open. */
    static final class CapturedLog extends Handler implements AutoCloseable {

        private final Logger logger = Logger.getLogger(AccessTokens.class.getName());
        private final List<LogRecord> records = new ArrayList<>();

        CapturedLog() {
            logger.addHandler(this);
        }

        synchronized List<String> lines() {
            return records.stream().map(LogRecord::getMessage).toList();
        }

        @Override
        public synchronized void publish(LogRecord logRecord) {
            records.add(logRecord);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
