package io.atrium.identity;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Continuous Access Evaluation's claims challenge: an API that Entra told of a critical event (the employee disabled,
 * their sessions revoked, a password reset, a location policy) refuses a still-valid token with
 * {@code 401 WWW-Authenticate: Bearer error="insufficient_claims", claims="<base64 JSON>"}. Atrium then asks Entra for
 * a new token with those claims ({@link AccessTokens}); Entra issues one or wants the employee to sign in again.
 *
 * <p>APIs send such challenges only to clients that declared the {@code cp1} capability ({@link #CLIENT_CAPABILITY}),
 * which Atrium does in every sign-in and token request.
 */
public final class ClaimsChallenge {

    /** The client capability that tells Entra and the APIs that Atrium handles claims challenges. */
    public static final String CLIENT_CAPABILITY = "cp1";

    /** {@code name="value"} pairs of a challenge; values of a claims challenge hold no quotes (base64). */
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_]+)\\s*=\\s*\"([^\"]*)\"");

    private ClaimsChallenge() {
    }

    /**
     * The claims JSON of a {@code WWW-Authenticate} value, or empty when the value is no claims challenge (another
     * error, no {@code claims}, not base64 of a JSON object).
     */
    public static Optional<String> claimsOf(String wwwAuthenticate) {
        if (wwwAuthenticate == null || !wwwAuthenticate.strip().regionMatches(true, 0, "Bearer", 0, 6)) {
            return Optional.empty();
        }
        String error = null;
        String claims = null;
        Matcher parameter = PARAMETER.matcher(wwwAuthenticate);
        while (parameter.find()) {
            switch (parameter.group(1).toLowerCase()) {
                case "error" -> error = parameter.group(2);
                case "claims" -> claims = parameter.group(2);
                default -> { }
            }
        }
        if (!"insufficient_claims".equals(error) || claims == null || claims.isBlank()) {
            return Optional.empty();
        }
        try {
            String json = new String(Base64.getDecoder().decode(claims.strip()), StandardCharsets.UTF_8);
            JSONObjectUtils.parse(json);
            return Optional.of(json);
        } catch (IllegalArgumentException | ParseException notClaims) {
            return Optional.empty();
        }
    }

    /**
     * The {@code claims} request parameter of a sign-in: {@code challenge} (if any) with {@link #CLIENT_CAPABILITY}
     * declared for access tokens, as MSAL sends it ({@code {"access_token":{"xms_cc":{"values":["cp1"]}}}}).
     *
     * @param challenge a claims challenge's JSON object, or null
     * @throws IllegalArgumentException when {@code challenge} is not a JSON object
     */
    public static String withClientCapability(String challenge) {
        Map<String, Object> claims;
        try {
            claims = challenge == null || challenge.isBlank() ? JSONObjectUtils.newJSONObject()
                    : JSONObjectUtils.parse(challenge);
        } catch (ParseException e) {
            throw new IllegalArgumentException("A claims challenge is a JSON object", e);
        }
        Object accessToken = claims.get("access_token");
        Map<String, Object> accessTokenClaims = JSONObjectUtils.newJSONObject();
        if (accessToken instanceof Map<?, ?> named) {
            named.forEach((name, value) -> accessTokenClaims.put(String.valueOf(name), value));
        }
        accessTokenClaims.put("xms_cc", Map.of("values", List.of(CLIENT_CAPABILITY)));
        claims.put("access_token", accessTokenClaims);
        return JSONObjectUtils.toJSONString(claims);
    }

    /**
     * Whether an access token's claims say its client declared {@link #CLIENT_CAPABILITY}: only such a client may be
     * answered with a claims challenge; any other would take it for a plain refusal.
     */
    public static boolean declaredBy(Object xmsCcClaim) {
        if (xmsCcClaim instanceof String single) {
            return CLIENT_CAPABILITY.equalsIgnoreCase(single);
        }
        return xmsCcClaim instanceof List<?> values
                && values.stream().anyMatch(value -> CLIENT_CAPABILITY.equalsIgnoreCase(String.valueOf(value)));
    }

    /**
     * The {@code WWW-Authenticate} value of Atrium's own API for a token that is still valid but no longer good
     * enough, in the shape Microsoft documents for CAE-enabled APIs: the caller's MSAL asks Entra for a token issued
     * after {@code notBeforeEpochSecond}, and Entra re-evaluates the employee on the way.
     */
    public static String wwwAuthenticate(String authorizationEndpoint, long notBeforeEpochSecond) {
        String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + notBeforeEpochSecond + "\"}}}";
        return "Bearer realm=\"\", authorization_uri=\"" + authorizationEndpoint + "\", error=\"insufficient_claims\", "
                + "claims=\"" + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"";
    }
}
