package io.atrium.errors;

import java.util.Map;

/**
 * The root of every failure a module reports to its callers. {@link #problem()} says what kind it is (and so the HTTP
 * status), {@link #publicDetail()} what the person or program that asked is told, {@link #getMessage()} what the
 * operator's log gets; neither ever holds a token or a secret. The web layer maps this type to HTTP and to Faces
 * messages, once each.
 */
public abstract class AtriumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected AtriumException(String operatorDetail, Throwable cause) {
        super(operatorDetail, cause);
    }

    public abstract Problem problem();

    /** Words the caller can act on; by default the message itself, for failures whose message is already that. */
    public String publicDetail() {
        return getMessage();
    }

    /** Response headers the caller needs to act ({@code Retry-After}, {@code WWW-Authenticate}); usually none. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
