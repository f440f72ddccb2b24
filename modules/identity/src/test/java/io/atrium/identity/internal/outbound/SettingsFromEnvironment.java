package io.atrium.identity.internal.outbound;

import java.util.Map;
import java.util.Optional;
import io.atrium.identity.EntraSettings;
import io.atrium.identity.internal.credential.AppCredentials;

/** {@link OutboundTokenSettings} as MicroProfile Config would make them from these environment variables. */
public final class SettingsFromEnvironment {

    private SettingsFromEnvironment() {
    }

    /**
     * @param environment {@code ATRIUM_APP_CREDENTIAL}, {@code AZURE_AUTHORITY_HOST}, {@code AZURE_TENANT_ID}, ... as
     *                    an operator would set them; the refresh margin is 300 s unless set
     */
    public static OutboundTokenSettings of(Map<String, String> environment) {
        return new OutboundTokenSettings(environment.getOrDefault("ATRIUM_APP_CREDENTIAL", "client-secret"),
                new EntraSettings(environment.getOrDefault("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com"),
                get(environment, "AZURE_TENANT_ID"), get(environment, "AZURE_CLIENT_ID")),
                AppCredentials.of(environment),
                Integer.parseInt(environment.getOrDefault("ATRIUM_TOKEN_CACHE_REFRESH_MARGIN_SECONDS", "300")));
    }

    private static Optional<String> get(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name));
    }
}
