package io.atrium.identity.internal.bearer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.atrium.identity.internal.oidc.OidcSettings;

/** Who may call Atrium's REST API with an Entra access token, and with what. */
@ApplicationScoped
public class ApiSettings {

    private final OidcSettings oidc;
    private final String requiredScope;
    private final Set<String> allowedClients;
    private final boolean acceptV1Tokens;

    @Inject
    public ApiSettings(OidcSettings oidc,
                       @ConfigProperty(name = "atrium.api.required-scope") String requiredScope,
                       @ConfigProperty(name = "atrium.api.allowed-clients") Optional<String> allowedClients,
                       @ConfigProperty(name = "atrium.api.accept-v1-tokens") boolean acceptV1Tokens) {
        this.oidc = oidc;
        this.requiredScope = requiredScope.strip();
        this.allowedClients = Arrays.stream(allowedClients.orElse("").split(",")).map(String::strip)
                .filter(client -> !client.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.acceptV1Tokens = acceptV1Tokens;
    }

    /** For CDI's proxy. */
    protected ApiSettings() {
        this(null, "", Optional.empty(), false);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (requiredScope.isEmpty() || requiredScope.contains(" ")) {
            problems.add("ATRIUM_API_REQUIRED_SCOPE (atrium.api.required-scope) must be one scope name, e.g. access_as_user");
        }
        return problems;
    }

    /** Atrium's client id and its application ID URI: the audiences Entra puts in tokens for Atrium's API. */
    Set<String> audiences() {
        return Set.of(oidc.clientId(), "api://" + oidc.clientId());
    }

    /** The delegated scope an employee's token must carry (Entra's {@code scp}). */
    String requiredScope() {
        return requiredScope;
    }

    /** Calling applications ({@code azp}/{@code appid}) allowed in; empty means any the tenant lets call Atrium. */
    boolean allowsClient(String clientId) {
        return allowedClients.isEmpty() || allowedClients.contains(clientId);
    }

    /** The issuers accepted for a token of tenant {@code tid}: v2, and v1 ({@code sts.windows.net}) when enabled. */
    Set<String> issuersFor(String tenantId) {
        String v2 = oidc.isMultiTenant() ? oidc.issuerTemplate().replace("{tenantid}", tenantId) : oidc.issuer();
        return acceptV1Tokens ? Set.of(v2, "https://sts.windows.net/" + tenantId + "/") : Set.of(v2);
    }

    boolean tenantAllowed(String tenantId) {
        return oidc.isMultiTenant() ? oidc.allowedTenants().contains(tenantId) : oidc.tenantId().equals(tenantId);
    }

    int clockSkewSeconds() {
        return oidc.clockSkewSeconds();
    }
}
