package io.atrium.standins.entra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.atrium.standins.Truststores;

/** The token endpoint azure-identity calls, {@code {tenant}/oauth2/v2.0/token}, spoken to as azure-identity does. */
class TokenEndpointTest {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @TempDir
    static Path workDirectory;

    private static EntraStandIn entra;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        entra = EntraStandIn.start(workDirectory, 0);
        client = HttpClient.newBuilder()
                .sslContext(Truststores.trusting(entra.truststore(), entra.truststorePassword())).build();
    }

    @AfterAll
    static void stop() {
        if (entra != null) {
            entra.close();
        }
    }

    @Test
    void an_application_token_carries_the_sign_in_issuer_and_entras_app_claims() throws Exception {
        SignedJWT token = tokenFrom(post(clientCredentials("api://downstream-api/.default")));

        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(entra.issuer());
        assertThat(claims.getAudience()).containsExactly("api://downstream-api");
        assertThat(claims.getStringClaim("idtyp")).isEqualTo("app");
        assertThat(claims.getStringListClaim("roles")).containsExactly(EntraStandIn.APP_ROLE);
        assertThat(claims.getStringClaim("azp")).isEqualTo(EntraStandIn.CLIENT_ID);
        assertThat(claims.getStringClaim("azpacr")).isEqualTo("1");
        assertThat(claims.getStringClaim("tid")).isEqualTo(EntraStandIn.TENANT_ID);
        assertThat(claims.getStringClaim("oid")).isEqualTo(EntraStandIn.servicePrincipalId(EntraStandIn.CLIENT_ID))
                .isEqualTo(claims.getSubject());
        assertThat(claims.getStringClaim("ver")).isEqualTo("2.0");
        assertThat(claims.getClaim("scp")).isNull();
    }

    @Test
    void tokens_of_both_endpoints_verify_with_the_sign_in_issuers_keys() throws Exception {
        SignedJWT appToken = tokenFrom(post(clientCredentials("api://downstream-api/.default")));
        SignedJWT signInToken = SignedJWT.parse(DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN).accessToken());

        RSAKey key = signInIssuerKey(appToken);
        assertThat(appToken.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(signInToken.getHeader().getKeyID()).isEqualTo(appToken.getHeader().getKeyID());
    }

    @Test
    void atriums_own_api_is_named_by_its_client_id_in_the_audience() throws Exception {
        SignedJWT token = tokenFrom(post(clientCredentials("api://" + EntraStandIn.CLIENT_ID + "/.default")));

        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(EntraStandIn.CLIENT_ID);
    }

    @Test
    void prometheus_gets_the_metrics_role_and_other_applications_no_role_at_all() throws Exception {
        JWTClaimsSet prometheus = SignedJWT.parse(DemoSignIn.at(entra).appTokenFor(EntraStandIn.METRICS_CLIENT_ID))
                .getJWTClaimsSet();
        JWTClaimsSet stranger = SignedJWT.parse(DemoSignIn.at(entra).appTokenFor("1b2c3d4e-5f60-4718-9a0b-c1d2e3f4a5b6"))
                .getJWTClaimsSet();

        assertThat(prometheus.getStringListClaim("roles")).containsExactly(EntraStandIn.METRICS_ROLE);
        assertThat(prometheus.getStringClaim("azp")).isEqualTo(EntraStandIn.METRICS_CLIENT_ID);
        assertThat(prometheus.getAudience()).containsExactly(EntraStandIn.CLIENT_ID);
        assertThat(stranger.getClaim("roles")).isNull();
    }

    @Test
    void on_behalf_of_gives_the_users_claims_for_the_requested_api_without_atriums_roles() throws Exception {
        String erinsToken = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN).accessToken();

        SignedJWT token = tokenFrom(post(onBehalfOf(erinsToken, "api://downstream-api/Reports.Read openid profile offline_access")));

        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(entra.issuer());
        assertThat(claims.getAudience()).containsExactly("api://downstream-api");
        assertThat(claims.getStringClaim("oid")).isEqualTo(DemoAccount.ERIN.oid());
        assertThat(claims.getStringClaim("tid")).isEqualTo(EntraStandIn.TENANT_ID);
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(DemoAccount.ERIN.upn());
        assertThat(claims.getStringClaim("name")).isEqualTo(DemoAccount.ERIN.displayName());
        assertThat(claims.getStringClaim("scp")).isEqualTo("Reports.Read");
        assertThat(claims.getStringClaim("azp")).isEqualTo(EntraStandIn.CLIENT_ID);
        assertThat(claims.getStringClaim("ver")).isEqualTo("2.0");
        assertThat(claims.getClaims()).doesNotContainKeys("roles", "groups", "sid", "idtyp");
        assertThat(token.verify(new RSASSAVerifier(signInIssuerKey(token)))).isTrue();
    }

    @Test
    void a_challenged_employee_is_refused_on_behalf_of_with_the_claims_until_signing_in_with_them() throws Exception {
        String claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
        String before = DemoSignIn.at(entra).tokensFor(DemoAccount.ADAM).accessToken();
        entra.challengeOnBehalfOf(DemoAccount.ADAM, claims);
        try {
            HttpResponse<String> refused = post(onBehalfOf(before, "https://graph.microsoft.com/User.Read"));
            assertThat(refused.statusCode()).isEqualTo(400);
            Map<String, Object> body = JSONObjectUtils.parse(refused.body());
            assertThat(body).containsEntry("error", "interaction_required").containsEntry("claims", claims);
            assertThat((String) body.get("error_description")).startsWith("AADSTS50079");
            // Another employee is not challenged.
            String erins = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN).accessToken();
            assertThat(post(onBehalfOf(erins, "https://graph.microsoft.com/User.Read")).statusCode()).isEqualTo(200);

            String after = DemoSignIn.at(entra).tokensFor(DemoAccount.ADAM, claims).accessToken();

            assertThat(entra.claimsAskedAtSignIn()).contains(claims);
            assertThat(tokenFrom(post(onBehalfOf(after, "https://graph.microsoft.com/User.Read")))
                    .getJWTClaimsSet().getStringClaim("oid")).isEqualTo(DemoAccount.ADAM.oid());
        } finally {
            entra.clearChallenge(DemoAccount.ADAM);
        }
    }

    @Test
    void a_client_assertion_is_accepted_without_checking_its_signature_and_marked_as_a_certificate() throws Exception {
        Map<String, String> form = clientCredentials("api://downstream-api/.default");
        form.remove("client_secret");
        form.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
        form.put("client_assertion", selfSignedAssertion(EntraStandIn.CLIENT_ID, EntraStandIn.CLIENT_ID));

        SignedJWT token = tokenFrom(post(form));

        assertThat(token.getJWTClaimsSet().getStringClaim("azpacr")).isEqualTo("2");
    }

    /**
     * Entra accepts a Kubernetes service account token whose subject a federated credential names; the mock (Nimbus's
     * private_key_jwt rules) insists that the subject be the client id, so federated tokens for it must say so.
     */
    @Test
    void a_federated_token_whose_subject_is_not_the_client_id_is_refused_by_the_mock() throws Exception {
        Map<String, String> form = clientCredentials("api://downstream-api/.default");
        form.remove("client_secret");
        form.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
        form.put("client_assertion", selfSignedAssertion("https://kubernetes.default.svc", "system:serviceaccount:atrium:atrium"));

        HttpResponse<String> response = post(form);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("doesn't match the client assertion subject");
    }

    @Test
    void a_federated_token_from_another_issuer_naming_the_client_as_subject_is_accepted() throws Exception {
        Map<String, String> form = clientCredentials("api://downstream-api/.default");
        form.remove("client_secret");
        form.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
        form.put("client_assertion", selfSignedAssertion("https://kubernetes.default.svc", EntraStandIn.CLIENT_ID));

        assertThat(tokenFrom(post(form)).getJWTClaimsSet().getStringClaim("azpacr")).isEqualTo("2");
    }

    @Test
    void the_token_lifetime_can_be_shortened_and_each_token_is_counted() throws Exception {
        int before = entra.tokenEndpointTokensIssued();
        entra.tokenEndpointLifetime(Duration.ofSeconds(2));
        try {
            JWTClaimsSet claims = tokenFrom(post(clientCredentials("api://downstream-api/.default"))).getJWTClaimsSet();

            assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(2000);
            assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before + 1);
        } finally {
            entra.tokenEndpointLifetime(Duration.ofHours(1));
        }
    }

    @Test
    void requests_reaching_the_token_endpoints_are_counted_by_grant_type_refused_ones_too() throws Exception {
        long appBefore = entra.tokenRequests("client_credentials");
        long oboBefore = entra.tokenRequests(EntraStandIn.ON_BEHALF_OF_GRANT);
        long codeBefore = entra.tokenRequests("authorization_code");

        String erinsToken = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN).accessToken();
        post(clientCredentials("api://downstream-api/.default"));
        post(clientCredentials("api://downstream-api/.default"));
        Map<String, String> refused = clientCredentials("api://downstream-api/.default");
        refused.remove("client_secret");
        refused.remove("client_id");
        assertThat(post(refused).statusCode()).isBetween(400, 499);
        post(onBehalfOf(erinsToken, "https://graph.microsoft.com/User.Read"));

        assertThat(entra.tokenRequests("client_credentials")).isEqualTo(appBefore + 3);
        assertThat(entra.tokenRequests(EntraStandIn.ON_BEHALF_OF_GRANT)).isEqualTo(oboBefore + 1);
        assertThat(entra.tokenRequests("authorization_code")).isEqualTo(codeBefore + 1);
        assertThat(entra.tokenRequestsByGrantType()).containsEntry("client_credentials", appBefore + 3);
        assertThat(entra.tokenRequests("password")).isZero();
    }

    @Test
    void the_shortened_lifetime_applies_to_on_behalf_of_tokens_too() throws Exception {
        String erinsToken = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN).accessToken();
        entra.tokenEndpointLifetime(Duration.ofSeconds(2));
        try {
            JWTClaimsSet claims = tokenFrom(post(onBehalfOf(erinsToken, "https://graph.microsoft.com/User.Read")))
                    .getJWTClaimsSet();

            assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(2000);
        } finally {
            entra.tokenEndpointLifetime(Duration.ofHours(1));
        }
    }

    private static Map<String, String> clientCredentials(String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", EntraStandIn.CLIENT_ID);
        form.put("client_secret", EntraStandIn.CLIENT_SECRET);
        form.put("scope", scope);
        return form;
    }

    private static Map<String, String> onBehalfOf(String assertion, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", JWT_BEARER);
        form.put("client_id", EntraStandIn.CLIENT_ID);
        form.put("client_secret", EntraStandIn.CLIENT_SECRET);
        form.put("assertion", assertion);
        form.put("requested_token_use", "on_behalf_of");
        form.put("scope", scope);
        return form;
    }

    /** A client assertion as MSAL writes one, signed by a key the stand-in has never seen. */
    private static String selfSignedAssertion(String issuer, String subject) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        Date now = new Date();
        SignedJWT assertion = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).audience(entra.tokenEndpoint()).jwtID(UUID.randomUUID().toString())
                .notBeforeTime(now).expirationTime(new Date(now.getTime() + 600_000)).build());
        assertion.sign(new RSASSASigner(key));
        return assertion.serialize();
    }

    private static HttpResponse<String> post(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create(entra.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SignedJWT tokenFrom(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SignedJWT.parse((String) JSONObjectUtils.parse(response.body()).get("access_token"));
    }

    private static RSAKey signInIssuerKey(SignedJWT token) throws Exception {
        HttpResponse<String> jwks = client.send(HttpRequest.newBuilder(URI.create(entra.issuer() + "/jwks")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JWKSet.parse(jwks.body()).getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey();
    }
}
