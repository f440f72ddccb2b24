package io.atrium.errors;

/**
 * What kind of failure an {@link AtriumException} is, with the HTTP status every surface (REST problem+json, the
 * OpenAI-compatible gateway) answers for it and the title RFC 9457 gives it.
 */
public enum Problem {
    /** The caller's input cannot be used as it is. */
    INVALID(400, "Bad Request"),
    /** The caller must authenticate (again), such as an Entra claims challenge. */
    SIGN_IN_REQUIRED(401, "Unauthorized"),
    /** The caller is known but may not do this. */
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found"),
    /** The request contradicts what is stored (a duplicate, the last administrator). */
    CONFLICT(409, "Conflict"),
    /** The caller asked too much for now: a quota or a rate limit; trying later helps. */
    TOO_MANY_REQUESTS(429, "Too Many Requests"),
    /** A service Atrium depends on refused, failed or answered nonsense. */
    UPSTREAM_FAILED(502, "Bad Gateway"),
    /** Atrium cannot serve this now (a token it needs, a peer down); trying later may help. */
    UNAVAILABLE(503, "Service Unavailable"),
    /** A service Atrium depends on did not answer in time. */
    UPSTREAM_TIMEOUT(504, "Gateway Timeout");

    private final int status;
    private final String title;

    Problem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
