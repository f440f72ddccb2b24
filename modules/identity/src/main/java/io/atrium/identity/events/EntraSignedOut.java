package io.atrium.identity.events;

/**
 * Entra (the OpenID provider) signed an employee out, by front-channel or back-channel logout: every Atrium session
 * signed in with that Entra session ({@code sid}), or for that subject, ends, on every instance. Fired where the
 * logout arrived, and relayed to the other instances of the data grid.
 *
 * @param issuer         the provider's issuer, compared with each session's own; null when the logout named none
 * @param entraSessionId Entra's {@code sid}; null when the logout names the subject only
 * @param subject        the ID token's {@code sub}; null when the logout names the Entra session only
 */
public record EntraSignedOut(String issuer, String entraSessionId, String subject) {

    public EntraSignedOut {
        if (entraSessionId == null && (subject == null || issuer == null)) {
            throw new IllegalArgumentException("a sign-out names an Entra session, or an issuer and a subject");
        }
    }
}
