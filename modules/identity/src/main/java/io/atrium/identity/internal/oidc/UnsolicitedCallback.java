package io.atrium.identity.internal.oidc;

import java.util.regex.Pattern;

/**
 * A return to the callback that no sign-in of this browser is waiting for: a state it did not start, one already used
 * or expired, or none. Anyone can send a browser there with any state and any error text, so it is not Entra's
 * answer to a sign-in and says nothing about any employee: it is counted, never recorded as a sign-in.
 */
public class UnsolicitedCallback extends Exception {

    private static final long serialVersionUID = 1L;

    /** The shape of OAuth's error codes (RFC 6749 4.1.2.1); anything else is not repeated. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");

    private final String kind;

    /**
     * @param error       the callback's {@code error}, or null for a callback with a code
     * @param description its {@code error_description}; only an AADSTS number is taken from it
     */
    public UnsolicitedCallback(String error, String description) {
        super("callback with a state this session did not start, already used or expired");
        if (error == null) {
            this.kind = "authorization code";
        } else {
            String code = EntraErrors.aadstsCode(description);
            this.kind = "error " + (ERROR_CODE.matcher(error).matches() ? error : "(not an OAuth error code)")
                    + (code == null ? "" : " " + code);
        }
    }

    /**
     * What the callback carried, in words safe to log: a code, or an error code of OAuth's shape with the AADSTS
     * number of its description. Never the caller's free text.
     */
    public String kind() {
        return kind;
    }
}
