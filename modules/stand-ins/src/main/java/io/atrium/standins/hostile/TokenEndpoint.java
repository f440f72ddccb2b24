package io.atrium.standins.hostile;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;

/**
 * Redeems authorization codes as Entra's token endpoint does for a confidential client: client_secret_basic, one use
 * per code, the redirect URI and PKCE verifier of the authorization request. Only the ID token misbehaves; every
 * refusal here is a correct one.
 */
final class TokenEndpoint {

    private final String clientId;
    private final byte[] clientSecret;
    private final Map<String, IssuedCode> codes;
    private final IdTokenWriter idTokens;
    private final Supplier<Misbehaviour> misbehaviour;

    TokenEndpoint(String clientId, String clientSecret, Map<String, IssuedCode> codes, IdTokenWriter idTokens,
                  Supplier<Misbehaviour> misbehaviour) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.codes = codes;
        this.idTokens = idTokens;
        this.misbehaviour = misbehaviour;
    }

    /** What Entra would answer a token request with this {@code Authorization} header and form. */
    Answer redeem(String authorization, Map<String, String> form, Instant now) {
        if (!authenticates(authorization)) {
            return refusal(OAuthError.invalidClient(), now);
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return refusal(OAuthError.unsupportedGrantType(), now);
        }
        for (String required : new String[] {"code", "redirect_uri", "code_verifier"}) {
            if (form.get(required) == null || form.get(required).isBlank()) {
                return refusal(OAuthError.missingParameter(required), now);
            }
        }
        // Removed before any other check, so that a code is worth one attempt, right or wrong.
        IssuedCode code = codes.remove(form.get("code"));
        if (code == null || !clientId.equals(code.clientId())) {
            return refusal(OAuthError.invalidCode(), now);
        }
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            return refusal(OAuthError.redirectUriMismatch(), now);
        }
        if (!verifies(form.get("code_verifier"), code.codeChallenge())) {
            return refusal(OAuthError.codeVerifierMismatch(), now);
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("token_type", "Bearer");
        tokens.put("scope", code.scope());
        tokens.put("expires_in", IdTokenWriter.LIFETIME.toSeconds() - 1);
        tokens.put("ext_expires_in", IdTokenWriter.LIFETIME.toSeconds() - 1);
        tokens.put("access_token", OpaqueValues.next());
        if (code.scope() != null && Arrays.asList(code.scope().split(" ")).contains("offline_access")) {
            tokens.put("refresh_token", OpaqueValues.next());
        }
        tokens.put("id_token", idTokens.write(code, misbehaviour.get(), now));
        return new Answer(200, tokens);
    }

    private boolean authenticates(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // RFC 6749 2.3.1: both halves are form-urlencoded before they are joined.
        String id = URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(credentials.substring(colon + 1), StandardCharsets.UTF_8);
        return clientId.equals(id) && MessageDigest.isEqual(clientSecret, secret.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean verifies(String verifier, String challenge) {
        try {
            return CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue().equals(challenge);
        } catch (IllegalArgumentException e) {
            // RFC 7636 allows 43 to 128 unreserved characters; anything else verifies nothing.
            return false;
        }
    }

    private static Answer refusal(OAuthError error, Instant now) {
        return new Answer(error.status(), error.body(now));
    }

    /** A status and the JSON object to answer with. */
    record Answer(int status, Map<String, Object> body) {
    }
}
