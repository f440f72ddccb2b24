package io.atrium.identity.internal.oidc;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Entra's error answers, on the callback and from the token endpoint ({@code error} and an
 * {@code error_description} starting with an AADSTS code), to tell the employee what to do, and finds in them the
 * trace and correlation ids with which Entra's sign-in logs find the attempt. The description itself is for operators:
 * it goes to the log only.
 */
final class EntraErrors {

    /** The answers to {@code prompt=none} that mean "ask the person", per OpenID Connect Core 3.1.2.6. */
    static final Set<String> INTERACTION_NEEDED = Set.of("login_required", "interaction_required", "consent_required",
            "account_selection_required");

    /** Entra's codes have four to seven digits (AADSTS50105, AADSTS7000215); a longer run of digits is not one. */
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{4,7}(?!\\d)");
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** As Entra ends each description: {@code \r\nTrace ID: <guid>\r\nCorrelation ID: <guid>\r\nTimestamp: ...}. */
    private static final Pattern TRACE_ID = Pattern.compile("Trace ID:\\s*(" + GUID + ")(?![0-9a-fA-F-])");
    private static final Pattern CORRELATION_ID = Pattern.compile("Correlation ID:\\s*(" + GUID + ")(?![0-9a-fA-F-])");

    /**
     * The codes an employee meets, with what they can do about each. The list of codes:
     * https://learn.microsoft.com/entra/identity-platform/reference-error-codes
     */
    private static final Map<String, SignInFailure.Reason> BY_CODE = Map.ofEntries(
            Map.entry("AADSTS50105", SignInFailure.Reason.NOT_ASSIGNED),
            Map.entry("AADSTS65001", SignInFailure.Reason.CONSENT_MISSING),
            Map.entry("AADSTS90094", SignInFailure.Reason.CONSENT_MISSING),
            Map.entry("AADSTS65004", SignInFailure.Reason.CANCELLED),
            Map.entry("AADSTS50076", SignInFailure.Reason.MFA_REQUIRED),
            Map.entry("AADSTS50079", SignInFailure.Reason.MFA_REQUIRED),
            Map.entry("AADSTS53003", SignInFailure.Reason.BLOCKED_BY_POLICY),
            Map.entry("AADSTS50058", SignInFailure.Reason.SIGN_IN_NEEDED),
            Map.entry("AADSTS700016", SignInFailure.Reason.APP_NOT_IN_TENANT),
            Map.entry("AADSTS7000215", SignInFailure.Reason.ATRIUM_MISCONFIGURED),
            Map.entry("AADSTS7000222", SignInFailure.Reason.ATRIUM_MISCONFIGURED),
            Map.entry("AADSTS50011", SignInFailure.Reason.ATRIUM_MISCONFIGURED));

    private EntraErrors() {
    }

    /**
     * Entra's refusal as a sign-in failure: the reason for the employee, the AADSTS code for the audit trail, and
     * Entra's trace and correlation ids for the help desk.
     */
    static SignInFailure failure(String error, String description, String where) {
        return new SignInFailure(reasonFor(error, description), where + " with error '" + oneLine(error) + "': "
                + oneLine(description))
                .entraErrorCode(aadstsCode(description))
                .entraIds(first(CORRELATION_ID, description), first(TRACE_ID, description));
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
        String code = aadstsCode(description);
        if (code != null && BY_CODE.containsKey(code)) {
            return BY_CODE.get(code);
        }
        if ("consent_required".equals(error)) {
            return SignInFailure.Reason.CONSENT_MISSING;
        }
        if ("access_denied".equals(error) && (description == null || description.isEmpty())) {
            return SignInFailure.Reason.CANCELLED;
        }
        if ("temporarily_unavailable".equals(error) || "server_error".equals(error)) {
            return SignInFailure.Reason.ENTRA_UNREACHABLE;
        }
        return SignInFailure.Reason.ENTRA_REFUSED;
    }

    /** Entra ends its descriptions with lines of ids; the log keeps one line per event. */
    private static String oneLine(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}+", " ");
    }

    /** Only a GUID is taken, so that nothing else of a description can reach the employee's page. */
    private static String first(Pattern id, String description) {
        if (description == null) {
            return null;
        }
        Matcher found = id.matcher(description);
        return found.find() ? found.group(1).toLowerCase(java.util.Locale.ROOT) : null;
    }
}
