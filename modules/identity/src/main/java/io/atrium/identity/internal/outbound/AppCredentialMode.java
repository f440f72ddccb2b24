package io.atrium.identity.internal.outbound;

import java.util.Arrays;
import java.util.Optional;

/**
 * How Atrium proves to Entra ID that it is itself, chosen explicitly with {@code ATRIUM_APP_CREDENTIAL}: exactly one
 * credential is built, so a missing setting shows as a problem at start-up instead of a quiet move to another
 * credential.
 */
public enum AppCredentialMode {

    /** The app registration's client secret ({@code AZURE_CLIENT_SECRET}). */
    CLIENT_SECRET("client-secret"),
    /** A certificate of the app registration ({@code AZURE_CLIENT_CERTIFICATE_PATH}, PEM or PKCS#12). */
    CLIENT_CERTIFICATE("client-certificate"),
    /** The Azure managed identity of the host Atrium runs on; Entra's token endpoint is not called directly. */
    MANAGED_IDENTITY("managed-identity"),
    /** A Kubernetes service account token federated with the app registration ({@code AZURE_FEDERATED_TOKEN_FILE}). */
    WORKLOAD_IDENTITY("workload-identity"),
    /** azure-identity's DefaultAzureCredential: a chain that takes the first credential it finds. */
    DEFAULT("default");

    private final String configValue;

    AppCredentialMode(String configValue) {
        this.configValue = configValue;
    }

    /**
     * On-behalf-of needs the app registration's own secret, certificate or federated assertion; a managed identity, or
     * whatever the default chain finds, is no such thing.
     */
    public boolean actsOnBehalfOfEmployees() {
        return this == CLIENT_SECRET || this == CLIENT_CERTIFICATE || this == WORKLOAD_IDENTITY;
    }

    static Optional<AppCredentialMode> parse(String value) {
        return Arrays.stream(values()).filter(mode -> mode.configValue.equals(value.strip())).findFirst();
    }

    /** The value of {@code ATRIUM_APP_CREDENTIAL} that chooses this mode. */
    @Override
    public String toString() {
        return configValue;
    }
}
