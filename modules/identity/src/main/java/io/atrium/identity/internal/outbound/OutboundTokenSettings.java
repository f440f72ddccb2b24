package io.atrium.identity.internal.outbound;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.atrium.identity.EntraSettings;
import io.atrium.identity.internal.credential.AppCredentialSettings;

import com.azure.identity.AzureAuthorityHosts;

/**
 * The settings of Atrium's own token requests: the app registration's credentials as {@link AppCredentialSettings}
 * reads them ({@code AZURE_CLIENT_SECRET}, {@code AZURE_CLIENT_CERTIFICATE_PATH}, {@code AZURE_FEDERATED_TOKEN_FILE},
 * ...), with the one credential to use chosen by {@code ATRIUM_APP_CREDENTIAL}.
 */
@ApplicationScoped
public class OutboundTokenSettings {

    /** azure-identity hands out a cached token until five minutes before it expires; a longer margin gains nothing. */
    static final int MAX_REFRESH_MARGIN_SECONDS = 300;
    /** The hosts whose instance metadata Entra publishes; for any other host that lookup would fail. */
    private static final Set<String> MICROSOFT_AUTHORITY_HOSTS = Set.of(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD,
            AzureAuthorityHosts.AZURE_CHINA, AzureAuthorityHosts.AZURE_GOVERNMENT, AzureAuthorityHosts.AZURE_GERMANY);

    private final String appCredential;
    private final String authorityHost;
    private final Optional<String> tenantId;
    private final Optional<String> clientId;
    private final Optional<String> clientSecret;
    private final Optional<String> certificatePath;
    private final Optional<String> certificatePassword;
    private final Optional<String> managedIdentityClientId;
    private final Optional<String> federatedTokenFile;
    private final int refreshMarginSeconds;

    @Inject
    public OutboundTokenSettings(@ConfigProperty(name = "atrium.app-credential") String appCredential,
                                 EntraSettings entra,
                                 AppCredentialSettings credentials,
                                 @ConfigProperty(name = "atrium.token-cache.refresh-margin-seconds") int refreshMarginSeconds) {
        this.appCredential = appCredential.strip();
        this.authorityHost = entra.authorityHost();
        this.tenantId = entra.tenantId();
        this.clientId = entra.clientId();
        this.clientSecret = credentials.clientSecret();
        this.certificatePath = credentials.certificatePath();
        this.certificatePassword = credentials.certificatePassword();
        this.managedIdentityClientId = credentials.managedIdentityClientId();
        this.federatedTokenFile = credentials.federatedTokenFile();
        this.refreshMarginSeconds = refreshMarginSeconds;
    }

    /** For CDI's proxy. */
    protected OutboundTokenSettings() {
        this("", new EntraSettings("", Optional.empty(), Optional.empty()), new AppCredentialSettings(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), 0);
    }

    /**
     * What the chosen credential lacks, worded for an operator. The tenant and client id are not repeated here: sign-in
     * already requires them.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Optional<AppCredentialMode> mode = AppCredentialMode.parse(appCredential);
        if (mode.isEmpty()) {
            problems.add("ATRIUM_APP_CREDENTIAL (atrium.app-credential) must be one of client-secret, "
                    + "client-certificate, managed-identity, workload-identity or default, not '" + appCredential + "'");
        }
        switch (mode.orElse(AppCredentialMode.DEFAULT)) {
            case CLIENT_SECRET -> {
                if (clientSecret.isEmpty()) {
                    problems.add("AZURE_CLIENT_SECRET (azure.client-secret) must be set: ATRIUM_APP_CREDENTIAL is "
                            + "client-secret");
                }
            }
            case CLIENT_CERTIFICATE -> {
                if (certificatePath.isEmpty()) {
                    problems.add("AZURE_CLIENT_CERTIFICATE_PATH (azure.client-certificate-path) must name the app "
                            + "registration's certificate with its private key (PEM, or PKCS#12 ending in .pfx or .p12): "
                            + "ATRIUM_APP_CREDENTIAL is client-certificate");
                } else if (!Files.isReadable(Path.of(certificatePath.get()))) {
                    problems.add("AZURE_CLIENT_CERTIFICATE_PATH (azure.client-certificate-path) names "
                            + certificatePath.get() + ", which cannot be read");
                }
            }
            case WORKLOAD_IDENTITY -> {
                if (federatedTokenFile.isEmpty()) {
                    problems.add("AZURE_FEDERATED_TOKEN_FILE (azure.federated-token-file) must name the projected "
                            + "service account token (Azure Workload Identity's webhook sets it): ATRIUM_APP_CREDENTIAL "
                            + "is workload-identity");
                }
            }
            case MANAGED_IDENTITY, DEFAULT -> {
                // Nothing is required: a user-assigned identity's client id is optional, and the chain finds its own.
            }
        }
        if (refreshMarginSeconds < 0 || refreshMarginSeconds > MAX_REFRESH_MARGIN_SECONDS) {
            problems.add("ATRIUM_TOKEN_CACHE_REFRESH_MARGIN_SECONDS (atrium.token-cache.refresh-margin-seconds) must be "
                    + "between 0 and " + MAX_REFRESH_MARGIN_SECONDS + ", not " + refreshMarginSeconds);
        }
        return problems;
    }

    /** The chosen mode; only once {@link #problems()} is empty. */
    public AppCredentialMode mode() {
        return AppCredentialMode.parse(appCredential).orElseThrow();
    }

    String authorityHost() {
        return authorityHost;
    }

    /** Entra's public and national clouds publish instance metadata; the Entra stand-in and other hosts do not. */
    boolean isMicrosoftAuthority() {
        return MICROSOFT_AUTHORITY_HOSTS.contains(authorityHost + "/");
    }

    /** Where a browser signs in to {@code tenantId}, for the {@code authorization_uri} of a claims challenge. */
    public String authorizationEndpoint(String tenantId) {
        return authorityHost + "/" + tenantId + "/oauth2/v2.0/authorize";
    }

    Optional<String> tenantId() {
        return tenantId;
    }

    Optional<String> clientId() {
        return clientId;
    }

    Optional<String> clientSecret() {
        return clientSecret;
    }

    public Optional<String> certificatePath() {
        return certificatePath;
    }

    public Optional<String> certificatePassword() {
        return certificatePassword;
    }

    /** PKCS#12 by its file name ({@code .pfx}, {@code .p12}), PEM otherwise; azure-identity also tells PEM by content. */
    boolean certificateIsPkcs12() {
        String path = certificatePath.orElse("").toLowerCase(Locale.ROOT);
        return path.endsWith(".pfx") || path.endsWith(".p12");
    }

    Optional<String> managedIdentityClientId() {
        return managedIdentityClientId;
    }

    public Optional<String> federatedTokenFile() {
        return federatedTokenFile;
    }

    public Duration refreshMargin() {
        return Duration.ofSeconds(refreshMarginSeconds);
    }
}
