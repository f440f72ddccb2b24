package io.atrium.standins.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import io.atrium.standins.Truststores;
import io.atrium.standins.entra.EntraStandIn;

class HostileEntraTest {

    private static final String REDIRECT_URI = "http://localhost:8080/auth/callback";
    private static final String NONCE = "n-0S6_WzA2Mj";

    @TempDir
    static Path workDirectory;

    private static HostileEntra provider;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        provider = HostileEntra.start(workDirectory, 0);
        client = HttpClient.newBuilder().sslContext(Truststores.trusting(provider.truststore(), provider.truststorePassword())).build();
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    @AfterEach
    void behaveAgain() {
        provider.behave();
    }

    @Test
    void discovery_names_the_tenant_issuer_on_localhost_and_entras_v2_endpoints_below_it() throws Exception {
        Map<String, Object> discovery = JSONObjectUtils.parse(get(provider.discoveryUrl()).body());

        String issuer = "https://localhost:" + provider.port() + "/" + HostileEntra.TENANT_ID + "/v2.0";
        assertThat(provider.issuer()).isEqualTo(issuer);
        assertThat(discovery).containsEntry("issuer", issuer)
                .containsEntry("authorization_endpoint", issuer + "/authorize")
                .containsEntry("token_endpoint", issuer + "/token")
                .containsEntry("jwks_uri", issuer + "/jwks")
                .containsEntry("end_session_endpoint", issuer + "/logout");
        assertThat(JSONObjectUtils.getStringList(discovery, "code_challenge_methods_supported")).containsExactly("S256");
    }

    @Test
    void authorize_sends_the_browser_straight_back_with_a_code_and_the_state() throws Exception {
        HttpResponse<String> answer = get(authorizeUri(new CodeVerifier()).toString());

        assertThat(answer.statusCode()).isEqualTo(302);
        Map<String, String> back = UrlEncoded.parse(location(answer).getRawQuery());
        assertThat(location(answer).toString()).startsWith(REDIRECT_URI + "?");
        assertThat(back).containsEntry("state", "af0ifjsldkj").containsKey("code");
    }

    @Test
    void a_well_behaved_provider_issues_entra_v2_claims_that_a_strict_validator_accepts() throws Exception {
        Map<String, Object> tokens = signIn();

        JWTClaimsSet claims = strictValidator().validate(JWTParser.parse((String) tokens.get("id_token")),
                new Nonce(NONCE)).toJWTClaimsSet();

        assertThat(claims.getAudience()).containsExactly(HostileEntra.CLIENT_ID);
        assertThat(claims.getSubject()).isEqualTo(HostileEntra.EMPLOYEE.subject());
        assertThat(claims.getStringClaim("tid")).isEqualTo(HostileEntra.TENANT_ID);
        assertThat(claims.getStringClaim("oid")).isEqualTo(HostileEntra.EMPLOYEE.oid());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(HostileEntra.EMPLOYEE.upn());
        assertThat(claims.getStringClaim("email")).isEqualTo(HostileEntra.EMPLOYEE.upn());
        assertThat(claims.getStringClaim("name")).isEqualTo(HostileEntra.EMPLOYEE.displayName());
        assertThat(claims.getStringClaim("azp")).isEqualTo(HostileEntra.CLIENT_ID);
        assertThat(claims.getStringListClaim("roles")).containsExactly("employee");
        assertThat(claims.getStringClaim("ver")).isEqualTo("2.0");
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(3500));
        assertThat(tokens).containsEntry("token_type", "Bearer").containsKeys("access_token", "refresh_token");
    }

    /** Each misbehaviour must break its own rule only, or a client could pass the test by checking another. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Misbehaviour.class)
    void each_misbehaviour_makes_a_strict_validator_refuse_the_token_for_its_own_reason(Misbehaviour misbehaviour)
            throws Exception {
        provider.misbehave(misbehaviour);
        JWT idToken = JWTParser.parse((String) signIn().get("id_token"));

        assertThatThrownBy(() -> strictValidator().validate(idToken, new Nonce(NONCE)))
                .hasMessageContaining(expectedRefusal(misbehaviour));
    }

    @Test
    void after_key_rotation_the_jwks_serves_only_the_new_key_and_tokens_are_signed_with_it() throws Exception {
        JWKSet before = JWKSet.parse(get(provider.issuer() + "/jwks").body());

        provider.rotateKeys();

        JWKSet after = JWKSet.parse(get(provider.issuer() + "/jwks").body());
        assertThat(after.getKeys()).hasSize(1);
        assertThat(after.getKeys().get(0).getKeyID()).isNotEqualTo(before.getKeys().get(0).getKeyID());
        assertThat(after.getKeys().get(0).isPrivate()).isFalse();
        JWT idToken = JWTParser.parse((String) signIn().get("id_token"));
        assertThat(strictValidator().validate(idToken, new Nonce(NONCE)).getSubject().getValue())
                .isEqualTo(HostileEntra.EMPLOYEE.subject());
    }

    @Test
    void the_token_endpoint_refuses_a_wrong_client_secret_as_entra_does() throws Exception {
        CodeVerifier verifier = new CodeVerifier();

        HttpResponse<String> answer = redeem(code(verifier), verifier.getValue(), REDIRECT_URI, "not-the-secret");

        assertThat(answer.statusCode()).isEqualTo(401);
        Map<String, Object> error = JSONObjectUtils.parse(answer.body());
        assertThat(error).containsEntry("error", "invalid_client").containsKeys("trace_id", "correlation_id");
        assertThat((String) error.get("error_description")).startsWith("AADSTS7000215: ");
    }

    @Test
    void the_token_endpoint_refuses_a_verifier_that_does_not_match_the_challenge() throws Exception {
        HttpResponse<String> answer = redeem(code(new CodeVerifier()), new CodeVerifier().getValue(), REDIRECT_URI,
                HostileEntra.CLIENT_SECRET);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSONObjectUtils.parse(answer.body())).containsEntry("error", "invalid_grant");
        assertThat(answer.body()).contains("AADSTS501481");
    }

    @Test
    void the_token_endpoint_refuses_a_missing_verifier() throws Exception {
        HttpResponse<String> answer = redeem(code(new CodeVerifier()), null, REDIRECT_URI, HostileEntra.CLIENT_SECRET);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSONObjectUtils.parse(answer.body())).containsEntry("error", "invalid_request");
    }

    @Test
    void the_token_endpoint_refuses_another_redirect_uri_than_the_authorization_requests() throws Exception {
        CodeVerifier verifier = new CodeVerifier();

        HttpResponse<String> answer = redeem(code(verifier), verifier.getValue(), "http://localhost:8080/elsewhere",
                HostileEntra.CLIENT_SECRET);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("invalid_grant").contains("AADSTS500112");
    }

    @Test
    void a_code_is_redeemed_once_only() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = code(verifier);
        assertThat(redeem(code, verifier.getValue(), REDIRECT_URI, HostileEntra.CLIENT_SECRET).statusCode()).isEqualTo(200);

        HttpResponse<String> again = redeem(code, verifier.getValue(), REDIRECT_URI, HostileEntra.CLIENT_SECRET);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(JSONObjectUtils.parse(again.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void requests_are_counted_per_endpoint_and_redeemed_codes_as_id_tokens_issued() throws Exception {
        int jwks = provider.requestsTo(Endpoint.JWKS);
        int tokens = provider.requestsTo(Endpoint.TOKEN);
        int issued = provider.idTokensIssued();

        get(provider.issuer() + "/jwks");
        get(provider.issuer() + "/jwks");
        signIn();
        redeem("no-such-code", new CodeVerifier().getValue(), REDIRECT_URI, HostileEntra.CLIENT_SECRET);

        assertThat(provider.requestsTo(Endpoint.JWKS)).isEqualTo(jwks + 2);
        assertThat(provider.requestsTo(Endpoint.TOKEN)).isEqualTo(tokens + 2);
        assertThat(provider.idTokensIssued()).isEqualTo(issued + 1);
    }

    @Test
    void it_serves_the_certificate_the_entra_stand_in_serves_from_the_same_work_directory() throws Exception {
        try (EntraStandIn entra = EntraStandIn.start(workDirectory, 0)) {
            assertThat(entra.truststore()).isEqualTo(provider.truststore());
            HttpClient trustingEntra = HttpClient.newBuilder()
                    .sslContext(Truststores.trusting(entra.truststore(), entra.truststorePassword())).build();
            assertThat(trustingEntra.send(HttpRequest.newBuilder(URI.create(provider.discoveryUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private static String expectedRefusal(Misbehaviour misbehaviour) {
        return switch (misbehaviour) {
            case SIGNED_WITH_UNKNOWN_KEY -> "Invalid signature";
            case WRONG_ISSUER -> "Unexpected JWT issuer";
            case WRONG_AUDIENCE -> "Unexpected JWT audience";
            case EXPIRED -> "Expired JWT";
            case ISSUED_IN_THE_FUTURE -> "JWT issue time ahead of current time";
            case NONCE_MISSING -> "Missing JWT nonce";
            case NONCE_DIFFERENT -> "Unexpected JWT nonce";
            case ALG_NONE -> "Signed ID token expected";
            case HS256_WITH_CLIENT_SECRET, UNKNOWN_KID -> "no matching key";
        };
    }

    /** A validator configured as a relying party of this tenant should be: RS256 only, keys from the JWKS. */
    private static IDTokenValidator strictValidator() throws Exception {
        JWKSet keys = JWKSet.parse(get(provider.issuer() + "/jwks").body());
        return new IDTokenValidator(new Issuer(provider.issuer()), new ClientID(HostileEntra.CLIENT_ID),
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)), null);
    }

    private static Map<String, Object> signIn() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        HttpResponse<String> answer = redeem(code(verifier), verifier.getValue(), REDIRECT_URI, HostileEntra.CLIENT_SECRET);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSONObjectUtils.parse(answer.body());
    }

    private static String code(CodeVerifier verifier) throws Exception {
        return UrlEncoded.parse(location(get(authorizeUri(verifier).toString())).getRawQuery()).get("code");
    }

    private static URI authorizeUri(CodeVerifier verifier) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", HostileEntra.CLIENT_ID);
        query.put("response_type", "code");
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", "openid profile email offline_access");
        query.put("state", "af0ifjsldkj");
        query.put("nonce", NONCE);
        query.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
        query.put("code_challenge_method", "S256");
        return URI.create(provider.issuer() + "/authorize?" + form(query));
    }

    private static HttpResponse<String> redeem(String code, String verifier, String redirectUri, String secret)
            throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        fields.put("redirect_uri", redirectUri);
        if (verifier != null) {
            fields.put("code_verifier", verifier);
        }
        String basic = Base64.getEncoder().encodeToString((HostileEntra.CLIENT_ID + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<String> response) {
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
