package io.atrium.identity;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which Entra ID Atrium belongs to: the authority host, the tenant and the app registration's client id
 * ({@code AZURE_AUTHORITY_HOST}, {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}), read once here for sign-in,
 * outbound tokens and the pages; no other class reads them. The app registration's credentials (its client secret,
 * certificate, managed identity or federated token file, {@code AZURE_CLIENT_SECRET}, ...) are not here: the identity
 * module alone uses them, and reads them once in its internal {@code AppCredentialSettings}.
 */
@ApplicationScoped
public class EntraSettings {

    private final String authorityHost;
    private final Optional<String> tenantId;
    private final Optional<String> clientId;

    @Inject
    public EntraSettings(@ConfigProperty(name = "azure.authority-host") String authorityHost,
                         @ConfigProperty(name = "azure.tenant-id") Optional<String> tenantId,
                         @ConfigProperty(name = "azure.client-id") Optional<String> clientId) {
        String host = authorityHost.strip();
        this.authorityHost = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        this.tenantId = present(tenantId);
        this.clientId = present(clientId);
    }

    /** For CDI's proxy. */
    protected EntraSettings() {
        this("", Optional.empty(), Optional.empty());
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** Such as {@code https://login.microsoftonline.com}, without a trailing slash. */
    public String authorityHost() {
        return authorityHost;
    }

    /** The directory (tenant) id, or {@code organizations}/{@code common} for a multi-tenant app; empty when unset. */
    public Optional<String> tenantId() {
        return tenantId;
    }

    /** The app registration's application (client) id; empty when unset. */
    public Optional<String> clientId() {
        return clientId;
    }
}
