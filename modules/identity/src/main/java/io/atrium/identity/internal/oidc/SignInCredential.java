package io.atrium.identity.internal.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;

import io.atrium.identity.internal.outbound.AppCredentialMode;
import io.atrium.identity.internal.outbound.OutboundTokenSettings;

/**
 * How Atrium proves itself to Entra's token endpoint when it redeems a sign-in's code and refreshes an employee's
 * tokens: the credential {@code ATRIUM_APP_CREDENTIAL} chooses for Atrium's own tokens, so one choice covers both.
 * <ul>
 *   <li>{@code client-certificate}: a client assertion ({@code private_key_jwt}) signed with the certificate's key,
 *   naming the certificate by its thumbprints as Entra asks;</li>
 *   <li>{@code workload-identity}: the federated service account token as the client assertion, read at each
 *   request (Kubernetes rotates it) — no secret at all;</li>
 *   <li>{@code client-secret}, and {@code managed-identity} or {@code default}, which cannot redeem a code: the client
 *   secret.</li>
 * </ul>
 */
@ApplicationScoped
public class SignInCredential {

    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private final OidcSettings oidc;
    private final OutboundTokenSettings outbound;
    private volatile SigningCertificate certificate;

    @Inject
    public SignInCredential(OidcSettings oidc, OutboundTokenSettings outbound) {
        this.oidc = oidc;
        this.outbound = outbound;
    }

    /** For CDI's proxy. */
    protected SignInCredential() {
        this(null, null);
    }

    /** What the chosen credential lacks for sign-in, worded for an operator; empty while the mode itself is wrong. */
    public List<String> problems() {
        if (!outbound.problems().isEmpty()) {
            return List.of(); // reported by OutboundTokenSettings already
        }
        List<String> problems = new ArrayList<>();
        switch (outbound.mode()) {
            case CLIENT_CERTIFICATE -> {
                try {
                    signingCertificate();
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    problems.add("AZURE_CLIENT_CERTIFICATE_PATH (azure.client-certificate-path) holds no usable RSA "
                            + "key and certificate for sign-in (PKCS#12, or PEM with a PKCS#8 'PRIVATE KEY' and the "
                            + "certificate): " + e.getMessage());
                }
            }
            case MANAGED_IDENTITY, DEFAULT -> {
                if (oidc.clientSecret().isEmpty()) {
                    problems.add("AZURE_CLIENT_SECRET (azure.client-secret) must be set: with ATRIUM_APP_CREDENTIAL="
                            + outbound.mode() + " the sign-in still redeems codes with the app registration's secret, "
                            + "which a managed identity cannot do; choose client-certificate or workload-identity for "
                            + "a deployment without a secret");
                }
            }
            case CLIENT_SECRET, WORKLOAD_IDENTITY -> {
                // OutboundTokenSettings requires the secret, or the federated token file.
            }
        }
        return problems;
    }

    /** A token request to {@code endpoint} authenticated with the chosen credential. */
    public TokenRequest tokenRequest(URI endpoint, AuthorizationGrant grant) {
        ClientID client = new ClientID(oidc.clientId());
        AppCredentialMode mode = outbound.mode();
        if (mode == AppCredentialMode.CLIENT_CERTIFICATE || mode == AppCredentialMode.WORKLOAD_IDENTITY) {
            // MSAL names the client beside an assertion too: a federated assertion's subject is not the client id.
            return new TokenRequest.Builder(endpoint, assertion(mode, client, endpoint), grant)
                    .customParameter("client_id", client.getValue())
                    .build();
        }
        return new TokenRequest.Builder(endpoint, new ClientSecretBasic(client, new Secret(oidc.clientSecret()
                .orElseThrow())), grant).build();
    }

    private ClientAuthentication assertion(AppCredentialMode mode, ClientID client, URI endpoint) {
        try {
            if (mode == AppCredentialMode.WORKLOAD_IDENTITY) {
                Path file = Path.of(outbound.federatedTokenFile().orElseThrow());
                return new PrivateKeyJWT(SignedJWT.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
            }
            SigningCertificate signing = signingCertificate();
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(client.getValue())
                    .subject(client.getValue())
                    .audience(endpoint.toString())
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                    .build();
            SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .x509CertThumbprint(signing.sha1Thumbprint())
                    .x509CertSHA256Thumbprint(signing.sha256Thumbprint())
                    .build(), claims);
            assertion.sign(new RSASSASigner(signing.key()));
            return new PrivateKeyJWT(assertion);
        } catch (IOException | GeneralSecurityException | JOSEException | ParseException e) {
            throw new IllegalStateException("no client assertion for the token request with ATRIUM_APP_CREDENTIAL="
                    + mode + ": " + e.getMessage(), e);
        }
    }

    private SigningCertificate signingCertificate() throws IOException, GeneralSecurityException {
        SigningCertificate loaded = certificate;
        if (loaded == null) {
            loaded = load(Path.of(outbound.certificatePath().orElseThrow()));
            certificate = loaded;
        }
        return loaded;
    }

    private SigningCertificate load(Path file) throws IOException, GeneralSecurityException {
        String path = file.toString().toLowerCase();
        if (path.endsWith(".pfx") || path.endsWith(".p12")) {
            char[] password = outbound.certificatePassword().orElse("").toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return new SigningCertificate((PrivateKey) store.getKey(alias, password),
                            (X509Certificate) store.getCertificate(alias));
                }
            }
            throw new GeneralSecurityException("the PKCS#12 file holds no private key");
        }
        PrivateKey key = null;
        X509Certificate certificate = null;
        Matcher block = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            if (block.group(1).equals("PRIVATE KEY")) {
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } else if (block.group(1).equals("CERTIFICATE") && certificate == null) {
                Certificate parsed = CertificateFactory.getInstance("X.509").generateCertificate(
                        new java.io.ByteArrayInputStream(der));
                certificate = (X509Certificate) parsed;
            }
        }
        if (key == null || certificate == null) {
            throw new GeneralSecurityException("the PEM file lacks a 'PRIVATE KEY' or a 'CERTIFICATE' block");
        }
        return new SigningCertificate(key, certificate);
    }

    /** The key that signs the assertions, and the certificate Entra knows it by. */
    private record SigningCertificate(PrivateKey key, X509Certificate certificate) {

        Base64URL sha1Thumbprint() throws GeneralSecurityException {
            return Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        }

        Base64URL sha256Thumbprint() throws GeneralSecurityException {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        }
    }
}
