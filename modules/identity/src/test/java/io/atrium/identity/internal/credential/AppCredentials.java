package io.atrium.identity.internal.credential;

import java.util.Map;
import java.util.Optional;

/** {@link AppCredentialSettings} for tests, as MicroProfile Config would make them from environment variables. */
public final class AppCredentials {

    private AppCredentials() {
    }

    /** Only the app registration's client secret. */
    public static AppCredentialSettings clientSecret(String secret) {
        return of(Map.of("AZURE_CLIENT_SECRET", secret));
    }

    /** No credential at all. */
    public static AppCredentialSettings none() {
        return of(Map.of());
    }

    /**
     * @param environment {@code AZURE_CLIENT_SECRET}, {@code AZURE_CLIENT_CERTIFICATE_PATH}, ... as an operator would
     *                    set them; other variables are ignored
     */
    public static AppCredentialSettings of(Map<String, String> environment) {
        return new AppCredentialSettings(get(environment, "AZURE_CLIENT_SECRET"),
                get(environment, "AZURE_CLIENT_CERTIFICATE_PATH"), get(environment, "AZURE_CLIENT_CERTIFICATE_PASSWORD"),
                get(environment, "AZURE_MANAGED_IDENTITY_CLIENT_ID"), get(environment, "AZURE_FEDERATED_TOKEN_FILE"));
    }

    private static Optional<String> get(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name));
    }
}
