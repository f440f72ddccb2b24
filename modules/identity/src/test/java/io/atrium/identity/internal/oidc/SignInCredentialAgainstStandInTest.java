package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.util.URLUtils;

import io.atrium.identity.EntraTokens;
import io.atrium.identity.JvmTrustedEntra;
import io.atrium.standins.Truststores;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.identity.EntraSettings;
import io.atrium.identity.internal.credential.AppCredentialSettings;
import io.atrium.identity.internal.credential.AppCredentials;

/**
 * How the sign-in authenticates at Entra's token endpoint for each {@code ATRIUM_APP_CREDENTIAL}: a certificate's
 * signed assertion, the federated token of workload identity, or the client secret; and the refreshes that work with
 * each at the Entra stand-in's real token endpoint.
 */
class SignInCredentialAgainstStandInTest {

    private static final URI TOKEN_ENDPOINT = URI.create("https://login.microsoftonline.com/tenant/oauth2/v2.0/token");

    @TempDir
    static Path directory;

    private static EntraStandIn entra;
    private static OidcSettings withSecret;
    private static OidcSettings withoutSecret;

    @BeforeAll
    static void start() throws Exception {
        entra = JvmTrustedEntra.start();
        HTTPRequest.setDefaultSSLSocketFactory(
                Truststores.trusting(entra.truststore(), entra.truststorePassword()).getSocketFactory());
        withSecret = settings(AppCredentials.clientSecret(entra.clientSecret()));
        withoutSecret = settings(AppCredentials.none());
    }

    @AfterAll
    static void stop() {
        entra.close();
    }

    @Test
    void a_certificate_signs_a_short_lived_assertion_for_the_token_endpoint_and_no_secret_is_sent() throws Exception {
        Path pkcs12 = EntraTokens.pkcs12Certificate(directory);
        for (Path certificate : List.of(pkcs12, EntraTokens.pemCertificate(pkcs12))) {
            SignInCredential credential = SignInCredentials.of(withoutSecret, Map.of(
                    "ATRIUM_APP_CREDENTIAL", "client-certificate",
                    "AZURE_CLIENT_CERTIFICATE_PATH", certificate.toString(),
                    "AZURE_CLIENT_CERTIFICATE_PASSWORD", EntraTokens.CERTIFICATE_PASSWORD));
            assertThat(credential.problems()).as(certificate.toString()).isEmpty();

            Map<String, List<String>> form = form(credential);

            assertThat(form).containsEntry("client_assertion_type",
                            List.of("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
                    .containsEntry("client_id", List.of(entra.clientId()))
                    .doesNotContainKey("client_secret");
            SignedJWT assertion = SignedJWT.parse(form.get("client_assertion").get(0));
            X509Certificate x509 = certificateIn(pkcs12);
            assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) x509.getPublicKey()))).isTrue();
            assertThat(assertion.getHeader().getX509CertThumbprint())
                    .isEqualTo(Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(x509.getEncoded())));
            assertThat(assertion.getHeader().getX509CertSHA256Thumbprint())
                    .isEqualTo(Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(x509.getEncoded())));
            JWTClaimsSet claims = assertion.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(entra.clientId()).isEqualTo(claims.getSubject());
            assertThat(claims.getAudience()).containsExactly(TOKEN_ENDPOINT.toString());
            assertThat(claims.getJWTID()).isNotBlank();
            assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().plusSeconds(301));
            assertThat(SignedJWT.parse(form(credential).get("client_assertion").get(0)).getJWTClaimsSet().getJWTID())
                    .as("a new assertion for each request").isNotEqualTo(claims.getJWTID());
        }
    }

    @Test
    void workload_identity_sends_the_federated_token_as_it_is_in_the_file_now() throws Exception {
        Path tokenFile = EntraTokens.federatedTokenFile(directory, entra.clientId());
        SignInCredential credential = SignInCredentials.of(withoutSecret, Map.of(
                "ATRIUM_APP_CREDENTIAL", "workload-identity", "AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString()));
        assertThat(credential.problems()).isEmpty();

        assertThat(form(credential)).containsEntry("client_assertion", List.of(Files.readString(tokenFile).strip()))
                .containsEntry("client_id", List.of(entra.clientId())).doesNotContainKey("client_secret");
        // Kubernetes rotates the projected token: the next request reads the new one.
        Path rotated = EntraTokens.federatedTokenFile(directory, entra.clientId());
        Files.copy(rotated, tokenFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(form(credential).get("client_assertion")).containsExactly(Files.readString(rotated).strip());
    }

    @Test
    void a_managed_identity_cannot_redeem_a_sign_in_so_the_secret_is_required_and_said_so() {
        SignInCredential withoutOne = SignInCredentials.of(withoutSecret, Map.of("ATRIUM_APP_CREDENTIAL",
                "managed-identity"));
        SignInCredential withOne = SignInCredentials.of(withSecret, Map.of("ATRIUM_APP_CREDENTIAL",
                "managed-identity"));

        assertThat(withoutOne.problems()).singleElement().asString().startsWith("AZURE_CLIENT_SECRET")
                .contains("managed-identity").contains("client-certificate or workload-identity");
        assertThat(withOne.problems()).isEmpty();
        assertThat(withOne.tokenRequest(TOKEN_ENDPOINT, refresh()).toHTTPRequest().getAuthorization())
                .startsWith("Basic ");
    }

    @Test
    void a_certificate_file_without_a_key_is_named_at_start_up() throws Exception {
        Path certificateOnly = Files.writeString(directory.resolve("only-a-certificate.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        assertThat(SignInCredentials.of(withoutSecret, Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate",
                "AZURE_CLIENT_CERTIFICATE_PATH", certificateOnly.toString())).problems())
                .singleElement().asString().startsWith("AZURE_CLIENT_CERTIFICATE_PATH");
    }

    @Test
    void employees_tokens_are_refreshed_at_the_stand_in_with_a_certificate_and_with_workload_identity()
            throws Exception {
        Path certificate = EntraTokens.pkcs12Certificate(directory);
        Path tokenFile = EntraTokens.federatedTokenFile(directory, entra.clientId());
        long refreshesBefore = entra.tokenRequests("refresh_token");
        for (Map<String, String> setting : List.of(
                Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate", "AZURE_CLIENT_CERTIFICATE_PATH",
                        certificate.toString(), "AZURE_CLIENT_CERTIFICATE_PASSWORD", EntraTokens.CERTIFICATE_PASSWORD),
                Map.of("ATRIUM_APP_CREDENTIAL", "workload-identity", "AZURE_FEDERATED_TOKEN_FILE",
                        tokenFile.toString()))) {
            OidcSettings settings = withoutSecret;
            EntraMetadata metadata = new EntraMetadata(settings);
            OidcSignIn signIn = new OidcSignIn(settings, metadata, new IdTokenVerifier(settings, metadata),
                    new io.atrium.identity.internal.roles.EmployeeRoles(Optional.empty(), null), null,
                    new io.atrium.identity.internal.graph.GraphTokens(), SignInCredentials.of(settings, setting));
            DemoSignIn.Tokens tokens = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN);
            EmployeeSession session = new EmployeeSession(new io.atrium.identity.EmployeePrincipal(entra.tenantId(),
                    DemoAccount.ERIN.oid(), DemoAccount.ERIN.upn(), DemoAccount.ERIN.displayName(),
                    DemoAccount.ERIN.upn(), java.util.Set.of("employee")), tokens.idToken(), tokens.accessToken(),
                    Instant.now(), tokens.refreshToken(), null, Instant.now());

            assertThat(signIn.refresh(session).accessToken()).as(setting.get("ATRIUM_APP_CREDENTIAL"))
                    .isNotEqualTo(tokens.accessToken());
        }
        assertThat(entra.tokenRequests("refresh_token")).isEqualTo(refreshesBefore + 2);
    }

    private static Map<String, List<String>> form(SignInCredential credential) {
        return URLUtils.parseParameters(credential.tokenRequest(TOKEN_ENDPOINT, refresh()).toHTTPRequest().getBody());
    }

    private static RefreshTokenGrant refresh() {
        return new RefreshTokenGrant(new RefreshToken("a-refresh-token"));
    }

    private static X509Certificate certificateIn(Path pkcs12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, EntraTokens.CERTIFICATE_PASSWORD.toCharArray());
        }
        return (X509Certificate) store.getCertificate("atrium-app");
    }

    private static OidcSettings settings(AppCredentialSettings credentials) {
        return new OidcSettings(new EntraSettings(entra.authorityHost(),
                Optional.of(entra.tenantId()), Optional.of(entra.clientId())),
                credentials, "openid profile email offline_access", 60, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
