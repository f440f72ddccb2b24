package io.atrium.identity.internal.bearer;

import java.util.Optional;

/**
 * An API call that does not get in, with the answer RFC 6750 prescribes: 401 {@code invalid_token} for a missing or
 * bad token, 403 {@code insufficient_scope} for a good token that may not do this, and Continuous Access Evaluation's
 * 401 {@code insufficient_claims} for a token whose client can answer a claims challenge.
 */
public class ApiCallRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String claimsChallenge;

    private ApiCallRefused(int status, String error, String description, String claimsChallenge, Throwable cause) {
        super(description, cause);
        this.status = status;
        this.error = error;
        this.claimsChallenge = claimsChallenge;
    }

    static ApiCallRefused invalidToken(String description, Throwable cause) {
        return new ApiCallRefused(401, "invalid_token", description, null, cause);
    }

    static ApiCallRefused insufficientScope(String description) {
        return new ApiCallRefused(403, "insufficient_scope", description, null, null);
    }

    /** @param wwwAuthenticate the whole challenge, from {@link io.atrium.identity.ClaimsChallenge#wwwAuthenticate} */
    static ApiCallRefused insufficientClaims(String description, String wwwAuthenticate) {
        return new ApiCallRefused(401, "insufficient_claims", description, wwwAuthenticate, null);
    }

    public int status() {
        return status;
    }

    /** The whole {@code WWW-Authenticate} value of a claims challenge; empty for RFC 6750's own errors. */
    public Optional<String> claimsChallenge() {
        return Optional.ofNullable(claimsChallenge);
    }

    /** RFC 6750's error code for the WWW-Authenticate header. */
    public String error() {
        return error;
    }
}
