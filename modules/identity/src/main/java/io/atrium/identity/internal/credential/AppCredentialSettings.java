package io.atrium.identity.internal.credential;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The app registration's own credentials, named as azure-identity names them ({@code AZURE_CLIENT_SECRET},
 * {@code AZURE_CLIENT_CERTIFICATE_PATH}, {@code AZURE_CLIENT_CERTIFICATE_PASSWORD},
 * {@code AZURE_MANAGED_IDENTITY_CLIENT_ID}, {@code AZURE_FEDERATED_TOKEN_FILE}), read once here for the sign-in's code
 * exchange and Atrium's own tokens, so that both prove the same app with the same values; no other class reads them.
 * Each value is stripped, and a blank one is absent. Which of them is used, and which is required, is
 * {@code ATRIUM_APP_CREDENTIAL}'s choice (OutboundTokenSettings, SignInCredential). Deliberately not a record: its
 * {@code toString} must not show the secret or the certificate's password.
 */
@ApplicationScoped
public class AppCredentialSettings {

    private final Optional<String> clientSecret;
    private final Optional<String> certificatePath;
    private final Optional<String> certificatePassword;
    private final Optional<String> managedIdentityClientId;
    private final Optional<String> federatedTokenFile;

    @Inject
    public AppCredentialSettings(@ConfigProperty(name = "azure.client-secret") Optional<String> clientSecret,
                                 @ConfigProperty(name = "azure.client-certificate-path") Optional<String> certificatePath,
                                 @ConfigProperty(name = "azure.client-certificate-password") Optional<String> certificatePassword,
                                 @ConfigProperty(name = "azure.managed-identity-client-id") Optional<String> managedIdentityClientId,
                                 @ConfigProperty(name = "azure.federated-token-file") Optional<String> federatedTokenFile) {
        this.clientSecret = present(clientSecret);
        this.certificatePath = present(certificatePath);
        this.certificatePassword = present(certificatePassword);
        this.managedIdentityClientId = present(managedIdentityClientId);
        this.federatedTokenFile = present(federatedTokenFile);
    }

    /** For CDI's proxy. */
    protected AppCredentialSettings() {
        this(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** A client secret of the app registration; empty when unset. */
    public Optional<String> clientSecret() {
        return clientSecret;
    }

    /** The app registration's certificate with its private key (PEM, or PKCS#12); empty when unset. */
    public Optional<String> certificatePath() {
        return certificatePath;
    }

    /** The password of a PKCS#12 certificate; empty when unset. */
    public Optional<String> certificatePassword() {
        return certificatePassword;
    }

    /** A user-assigned managed identity's client id; empty for the system-assigned identity. */
    public Optional<String> managedIdentityClientId() {
        return managedIdentityClientId;
    }

    /** The projected service account token of Azure Workload Identity; empty when unset. */
    public Optional<String> federatedTokenFile() {
        return federatedTokenFile;
    }
}
