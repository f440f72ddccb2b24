package io.atrium.identity.internal.oidc;

/**
 * Entra could not sign the employee in without showing them something ({@code prompt=none} answered with
 * {@code login_required}, {@code interaction_required} or {@code consent_required}): the sign-in is to be tried once
 * more, interactively.
 */
public class SilentSignInDeclined extends Exception {

    private static final long serialVersionUID = 1L;

    private final String returnTo;

    SilentSignInDeclined(String error, String returnTo) {
        super("Entra declined a silent sign-in with '" + error + "'; asking interactively");
        this.returnTo = returnTo;
    }

    public String returnTo() {
        return returnTo;
    }
}
