package io.atrium.identity.internal.bearer;

/**
 * An API call that does not get in, with the answer RFC 6750 prescribes: 401 {@code invalid_token} for a missing or
 * bad token, 403 {@code insufficient_scope} for a good token that may not do this.
 */
public class ApiCallRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    private ApiCallRefused(int status, String error, String description, Throwable cause) {
        super(description, cause);
        this.status = status;
        this.error = error;
    }

    static ApiCallRefused invalidToken(String description, Throwable cause) {
        return new ApiCallRefused(401, "invalid_token", description, cause);
    }

    static ApiCallRefused insufficientScope(String description) {
        return new ApiCallRefused(403, "insufficient_scope", description, null);
    }

    public int status() {
        return status;
    }

    /** RFC 6750's error code for the WWW-Authenticate header. */
    public String error() {
        return error;
    }
}
