package io.atrium.identity.internal.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.OnBehalfOfCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;

/**
 * azure-identity's credentials for Atrium: the one application credential {@code ATRIUM_APP_CREDENTIAL} chooses, built
 * once, and an on-behalf-of credential per employee token. Every credential that talks to Entra gets the configured
 * authority host, and instance discovery is switched off for hosts other than Microsoft's, which publish no instance
 * metadata.
 */
final class EntraCredentials {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Bounds how long a token request holds the caller's thread; Entra answers within a second or two. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final OutboundTokenSettings settings;
    private final HttpClient http;
    private final TokenCredential app;

    /** @param settings settings whose {@link OutboundTokenSettings#problems()} are empty */
    public EntraCredentials(OutboundTokenSettings settings) {
        this.settings = settings;
        // One client for every credential, named rather than found through ServiceLoader, which an application
        // server's class loaders can defeat; the per-token on-behalf-of credentials would otherwise each open one.
        this.http = new JdkHttpClientBuilder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
        this.app = appCredential();
    }

    public AppCredentialMode mode() {
        return settings.mode();
    }

    /** The application's own credential: client credentials, a managed identity, or the default chain. */
    public TokenCredential app() {
        return app;
    }

    /** See {@link AppCredentialMode#actsOnBehalfOfEmployees()}. */
    public boolean actsOnBehalfOfEmployees() {
        return settings.mode().actsOnBehalfOfEmployees();
    }

    /**
     * A credential that exchanges {@code assertion}, an employee's access token for Atrium, for tokens on their behalf
     * in their own tenant. azure-identity binds an on-behalf-of credential to one assertion, hence one per token.
     *
     * @throws IllegalStateException unless {@link #actsOnBehalfOfEmployees()}
     */
    public TokenCredential onBehalfOf(String tenantId, String assertion) {
        OnBehalfOfCredentialBuilder builder = entra(new OnBehalfOfCredentialBuilder(), tenantId).userAssertion(assertion);
        return switch (settings.mode()) {
            case CLIENT_SECRET -> builder.clientSecret(settings.clientSecret().orElseThrow()).build();
            case CLIENT_CERTIFICATE -> certificate(builder).build();
            case WORKLOAD_IDENTITY -> builder.clientAssertion(this::federatedToken).build();
            case MANAGED_IDENTITY, DEFAULT -> throw new IllegalStateException(settings.mode()
                    + " cannot act on behalf of an employee");
        };
    }

    private TokenCredential appCredential() {
        String tenantId = settings.tenantId().orElse(null);
        return switch (settings.mode()) {
            case CLIENT_SECRET -> entra(new ClientSecretCredentialBuilder(), tenantId)
                    .clientSecret(settings.clientSecret().orElseThrow())
                    .build();
            case CLIENT_CERTIFICATE -> certificate(entra(new ClientCertificateCredentialBuilder(), tenantId)).build();
            case WORKLOAD_IDENTITY -> entra(new WorkloadIdentityCredentialBuilder(), tenantId)
                    .tokenFilePath(settings.federatedTokenFile().orElseThrow())
                    .build();
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder().httpClient(http);
                settings.managedIdentityClientId().ifPresent(builder::clientId);
                yield builder.build();
            }
            case DEFAULT -> {
                DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
                        .authorityHost(settings.authorityHost())
                        .httpClient(http);
                settings.tenantId().ifPresent(builder::tenantId);
                settings.managedIdentityClientId().ifPresent(builder::managedIdentityClientId);
                if (!settings.isMicrosoftAuthority()) {
                    builder.disableInstanceDiscovery();
                }
                yield builder.build();
            }
        };
    }

    private <T extends AadCredentialBuilderBase<T>> T entra(T builder, String tenantId) {
        builder.authorityHost(settings.authorityHost())
                .tenantId(tenantId)
                .clientId(settings.clientId().orElseThrow())
                .httpClient(http);
        if (!settings.isMicrosoftAuthority()) {
            builder.disableInstanceDiscovery();
        }
        return builder;
    }

    private ClientCertificateCredentialBuilder certificate(ClientCertificateCredentialBuilder builder) {
        String path = settings.certificatePath().orElseThrow();
        if (settings.certificateIsPkcs12()) {
            builder.pfxCertificate(path);
            settings.certificatePassword().ifPresent(builder::clientCertificatePassword);
            return builder;
        }
        return builder.pemCertificate(path);
    }

    /** The same as above: azure-identity's two builders share no interface for their certificate settings. */
    private OnBehalfOfCredentialBuilder certificate(OnBehalfOfCredentialBuilder builder) {
        String path = settings.certificatePath().orElseThrow();
        if (settings.certificateIsPkcs12()) {
            builder.pfxCertificate(path);
            settings.certificatePassword().ifPresent(builder::clientCertificatePassword);
            return builder;
        }
        return builder.pemCertificate(path);
    }

    /** Read at each use: Kubernetes replaces the projected token file well before the token in it expires. */
    private String federatedToken() {
        Path file = Path.of(settings.federatedTokenFile().orElseThrow());
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the federated token file " + file
                    + " (AZURE_FEDERATED_TOKEN_FILE)", e);
        }
    }
}
