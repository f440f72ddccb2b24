package io.atrium.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import io.atrium.errors.AtriumException;
import io.atrium.errors.Problem;

/**
 * Entra ID gave Atrium no access token. {@link #getMessage()} is for the operator (Entra's error, its AADSTS code and
 * description, or why no answer came) and never holds a token or a secret.
 *
 * <p>When Entra wants the employee to sign in again ({@link #interactionRequired()}: multi-factor authentication,
 * consent, a Conditional Access policy), a page sends the browser to sign in, asking for {@link #claimsChallenge()}
 * if there is one; an API answers its caller with 401 and {@link #wwwAuthenticate()}.
 */
public class AccessTokenUnavailableException extends AtriumException {

    private static final long serialVersionUID = 1L;

    private final String entraError;
    private final String entraErrorCode;
    private final String claimsChallenge;
    private final boolean interactionRequired;
    private final String authorizationEndpoint;

    private AccessTokenUnavailableException(String operatorDetail, String entraError, String entraErrorCode,
                                            String claimsChallenge, boolean interactionRequired,
                                            String authorizationEndpoint, Throwable cause) {
        super(operatorDetail, cause);
        this.entraError = entraError;
        this.entraErrorCode = entraErrorCode;
        this.claimsChallenge = claimsChallenge == null || claimsChallenge.isBlank() ? null : claimsChallenge;
        this.interactionRequired = interactionRequired;
        this.authorizationEndpoint = authorizationEndpoint;
    }

    /**
     * Entra answered and refused.
     *
     * @param entraError            OAuth's {@code error}, such as {@code invalid_grant} or {@code interaction_required}
     * @param entraErrorCode        the AADSTS code of Entra's description, such as {@code AADSTS50079}; may be null
     * @param claimsChallenge       Entra's {@code claims}, a JSON object; may be null
     * @param authorizationEndpoint where the employee would sign in again
     */
    public static AccessTokenUnavailableException refused(String operatorDetail, String entraError,
                                                           String entraErrorCode, String claimsChallenge,
                                                           boolean interactionRequired, String authorizationEndpoint,
                                                           Throwable cause) {
        return new AccessTokenUnavailableException(operatorDetail, entraError, entraErrorCode, claimsChallenge,
                interactionRequired, authorizationEndpoint, cause);
    }

    /** No answer came, or no request could be made: Entra unreachable, a credential unusable or missing. */
    public static AccessTokenUnavailableException noAnswer(String operatorDetail, Throwable cause) {
        return new AccessTokenUnavailableException(operatorDetail, null, null, null, false, null, cause);
    }

    /** OAuth's {@code error} of Entra's answer; empty when Entra did not answer. */
    public Optional<String> entraError() {
        return Optional.ofNullable(entraError);
    }

    /** Entra's AADSTS code, such as {@code AADSTS50079}, which Entra's documentation and support go by. */
    public Optional<String> entraErrorCode() {
        return Optional.ofNullable(entraErrorCode);
    }

    /** True when only the employee can resolve this, by signing in again; retrying as is gives the same answer. */
    public boolean interactionRequired() {
        return interactionRequired;
    }

    /** The claims Entra asks for, a JSON object to pass as the {@code claims} parameter of the next sign-in. */
    public Optional<String> claimsChallenge() {
        return Optional.ofNullable(claimsChallenge);
    }

    /**
     * The {@code WWW-Authenticate} value for an API's 401 when the employee must sign in again: with the claims Entra
     * named, in the shape Microsoft documents for claims challenges ({@code error="insufficient_claims"},
     * {@code claims} base64-encoded), so that the caller's MSAL can sign the employee in again with those claims;
     * without claims, {@code error="interaction_required"}. Empty when signing in again would not help.
     */
    public Optional<String> wwwAuthenticate() {
        if (!interactionRequired) {
            return Optional.empty();
        }
        String challenge = "Bearer realm=\"\", authorization_uri=\"" + authorizationEndpoint + "\", error=";
        return Optional.of(claimsChallenge()
                .map(claims -> challenge + "\"insufficient_claims\", claims=\""
                        + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"")
                .orElse(challenge + "\"interaction_required\""));
    }

    /** 401 with the challenge when the employee can resolve it by signing in again; otherwise Atrium's problem: 503. */
    @Override
    public Problem problem() {
        return wwwAuthenticate().isPresent() ? Problem.SIGN_IN_REQUIRED : Problem.UNAVAILABLE;
    }

    @Override
    public String publicDetail() {
        return wwwAuthenticate().isPresent()
                ? "Entra ID requires the employee to sign in again (" + entraErrorCode().orElse(entraError().orElse(""))
                        + "): acquire a new token with the claims in the WWW-Authenticate header and call again."
                : "Atrium could not obtain a token for a service it needs to answer this request. Try again later.";
    }

    @Override
    public Map<String, String> headers() {
        return wwwAuthenticate().map(challenge -> Map.of("WWW-Authenticate", challenge))
                .orElse(Map.of("Retry-After", "30"));
    }
}
