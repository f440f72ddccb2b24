package io.atrium.identity.internal.oidc;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Entra's error answers on the callback ({@code error} and an {@code error_description} starting with an
 * AADSTS code) to tell the employee what to do. The description itself is for operators: it goes to the log only.
 */
final class EntraErrors {

    /** The answers to {@code prompt=none} that mean "ask the person", per OpenID Connect Core 3.1.2.6. */
    static final Set<String> INTERACTION_NEEDED = Set.of("login_required", "interaction_required", "consent_required",
            "account_selection_required");

    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{4,6}");

    private EntraErrors() {
    }

    /** The first AADSTS code in Entra's description (kept with a failed sign-in's record), or null. */
    static String aadstsCode(String description) {
        if (description == null) {
            return null;
        }
        Matcher code = AADSTS.matcher(description);
        return code.find() ? code.group() : null;
    }

    static SignInFailure.Reason reasonFor(String error, String description) {
        String text = description == null ? "" : description;
        if (text.contains("AADSTS50105")) {
            return SignInFailure.Reason.NOT_ASSIGNED;
        }
        if (text.contains("AADSTS65001") || text.contains("AADSTS90094") || "consent_required".equals(error)) {
            return SignInFailure.Reason.CONSENT_MISSING;
        }
        if (text.contains("AADSTS65004") || ("access_denied".equals(error) && text.isEmpty())) {
            return SignInFailure.Reason.CANCELLED;
        }
        if ("temporarily_unavailable".equals(error) || "server_error".equals(error)) {
            return SignInFailure.Reason.ENTRA_UNREACHABLE;
        }
        return SignInFailure.Reason.ENTRA_REFUSED;
    }
}
