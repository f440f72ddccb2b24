package io.atrium.identity.internal.oidc;

import java.util.HashMap;
import java.util.Map;

import io.atrium.identity.internal.outbound.SettingsFromEnvironment;

/** {@link SignInCredential}s for tests, as the settings of an operator would make them. */
public final class SignInCredentials {

    private SignInCredentials() {
    }

    /** The app registration's client secret, as {@code settings} name it. */
    public static SignInCredential clientSecret(OidcSettings settings) {
        return of(settings, Map.of("ATRIUM_APP_CREDENTIAL", "client-secret",
                "AZURE_CLIENT_SECRET", settings.clientSecret().orElseThrow()));
    }

    /** With these credential settings ({@code ATRIUM_APP_CREDENTIAL}, {@code AZURE_CLIENT_CERTIFICATE_PATH}, ...). */
    public static SignInCredential of(OidcSettings settings, Map<String, String> credential) {
        Map<String, String> environment = new HashMap<>(credential);
        environment.put("AZURE_CLIENT_ID", settings.clientId());
        environment.put("AZURE_TENANT_ID", settings.tenantId());
        return new SignInCredential(settings, SettingsFromEnvironment.of(environment));
    }
}
