package io.atrium.identity.internal.outbound;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.azure.identity.CredentialUnavailableException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;

import io.atrium.identity.AccessTokenUnavailableException;

/**
 * Reads what azure-identity throws when it gets no token. Entra's own answer travels inside as MSAL's
 * {@link MsalServiceException}, which carries OAuth's {@code error}, the {@code claims} challenge and the description
 * with its AADSTS code.
 *
 * <p>MSAL for Java marks only {@code invalid_grant} as needing the user ({@link MsalInteractionRequiredException},
 * unless the {@code suberror} blames the client); Entra answers on-behalf-of requests with {@code interaction_required}
 * too (multi-factor authentication, Conditional Access), which MSAL leaves a plain service error. Both need the user.
 */
final class EntraRefusals {

    private static final Pattern AADSTS_CODE = Pattern.compile("AADSTS\\d+");
    /** OpenID Connect's errors that only the person can resolve (Core 1.0, 3.1.2.6). */
    private static final Set<String> INTERACTION_ERRORS = Set.of("interaction_required", "login_required",
            "consent_required", "account_selection_required");

    private EntraRefusals() {
    }

    /** @param authorizationEndpoint where the employee would sign in again, for a claims challenge */
    public static AccessTokenUnavailableException toException(RuntimeException failure, String authorizationEndpoint) {
        if (failure instanceof AccessTokenUnavailableException known) {
            return known;
        }
        MsalServiceException refusal = find(failure, MsalServiceException.class);
        if (refusal != null) {
            // Entra's description spans lines (trace and correlation ids); a log event is one line.
            String description = refusal.getMessage() == null ? "" : refusal.getMessage().replaceAll("\\s+", " ").strip();
            Matcher code = AADSTS_CODE.matcher(description);
            String status = refusal.statusCode() == null ? "" : "HTTP " + refusal.statusCode() + " ";
            return AccessTokenUnavailableException.refused("Entra ID refused the token request (" + status
                            + refusal.errorCode() + "): " + description,
                    refusal.errorCode(), code.find() ? code.group() : null, refusal.claims(),
                    refusal instanceof MsalInteractionRequiredException
                            || INTERACTION_ERRORS.contains(refusal.errorCode()),
                    authorizationEndpoint, failure);
        }
        if (find(failure, CredentialUnavailableException.class) != null) {
            return AccessTokenUnavailableException.noAnswer("The credential ATRIUM_APP_CREDENTIAL chose cannot be "
                    + "used here: " + failure.getMessage(), failure);
        }
        return AccessTokenUnavailableException.noAnswer("Entra ID could not be asked for a token: "
                + rootCause(failure), failure);
    }

    /** azure-identity and MSAL wrap a network failure three or four times; the innermost says what happened. */
    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
