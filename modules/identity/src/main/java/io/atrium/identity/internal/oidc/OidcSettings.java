package io.atrium.identity.internal.oidc;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.atrium.identity.EntraSettings;
import io.atrium.identity.internal.credential.AppCredentialSettings;

/**
 * Sign-in settings, named as Entra and azure-identity name them so that one set of environment variables
 * ({@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}, ...) configures every Entra client in the process.
 */
@ApplicationScoped
public class OidcSettings {

    public static final String CALLBACK_PATH = "/auth/callback";
    private static final Set<String> MULTI_TENANT_AUTHORITIES = Set.of("organizations", "common");
    public static final String FRONT_CHANNEL_LOGOUT_PATH = "/auth/front-channel-logout";
    /** Where an OpenID provider POSTs logout tokens (back-channel logout); Entra itself uses front-channel only. */
    public static final String BACK_CHANNEL_LOGOUT_PATH = "/auth/back-channel-logout";
    /** Where a page sends the browser when Entra wants the employee to sign in again (a claims challenge). */
    public static final String SIGN_IN_AGAIN_PATH = "/auth/sign-in-again";
    static final String SIGNED_OUT_PATH = "/signed-out.html";

    private final String authorityHost;
    private final Optional<String> tenantId;
    private final Optional<String> clientId;
    private final Optional<String> clientSecret;
    private final String scopes;
    private final int clockSkewSeconds;
    private final Optional<String> publicBaseUrl;
    private final Optional<String> prompt;
    private final Optional<String> postLogoutRedirectUri;
    private final List<String> trustedProxies;
    private final List<String> allowedTenants;

    @Inject
    public OidcSettings(EntraSettings entra,
                        AppCredentialSettings credentials,
                        @ConfigProperty(name = "atrium.oidc.scopes") String scopes,
                        @ConfigProperty(name = "atrium.oidc.clock-skew-seconds") int clockSkewSeconds,
                        @ConfigProperty(name = "atrium.public-base-url") Optional<String> publicBaseUrl,
                        @ConfigProperty(name = "atrium.oidc.prompt") Optional<String> prompt,
                        @ConfigProperty(name = "atrium.oidc.post-logout-redirect-uri") Optional<String> postLogoutRedirectUri,
                        @ConfigProperty(name = "atrium.trusted-proxies") Optional<String> trustedProxies,
                        @ConfigProperty(name = "atrium.oidc.allowed-tenants") Optional<String> allowedTenants) {
        this.authorityHost = entra.authorityHost();
        this.tenantId = entra.tenantId();
        this.clientId = entra.clientId();
        this.clientSecret = credentials.clientSecret();
        this.scopes = scopes;
        this.clockSkewSeconds = clockSkewSeconds;
        this.publicBaseUrl = publicBaseUrl.filter(value -> !value.isBlank()).map(OidcSettings::stripTrailingSlash);
        this.prompt = prompt.filter(value -> !value.isBlank());
        this.postLogoutRedirectUri = postLogoutRedirectUri.filter(value -> !value.isBlank());
        this.trustedProxies = commaSeparated(trustedProxies);
        this.allowedTenants = commaSeparated(allowedTenants);
    }

    /** Payara's MicroProfile Config cannot inject {@code Optional<List<String>>}, so lists are read as one string. */
    private static List<String> commaSeparated(Optional<String> value) {
        return Arrays.stream(value.orElse("").split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** For CDI's proxy. */
    protected OidcSettings() {
        this(new EntraSettings("", Optional.empty(), Optional.empty()), new AppCredentialSettings(Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), "", 0, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The environment variables that are missing or wrong, worded for an operator; empty when sign-in can work. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (tenantId.isEmpty()) {
            problems.add("AZURE_TENANT_ID (azure.tenant-id) is not set: the directory (tenant) id of the app registration");
        }
        if (clientId.isEmpty()) {
            problems.add("AZURE_CLIENT_ID (azure.client-id) is not set: the application (client) id of the app registration");
        }
        if (!authorityHost.startsWith("https://")) {
            problems.add("AZURE_AUTHORITY_HOST (azure.authority-host) must be an https URL, not '" + authorityHost + "'");
        }
        if (!scopes.contains("openid")) {
            problems.add("ATRIUM_OIDC_SCOPES (atrium.oidc.scopes) must contain 'openid', not '" + scopes + "'");
        }
        publicBaseUrl.filter(url -> !url.startsWith("https://") && !url.startsWith("http://"))
                .ifPresent(url -> problems.add("ATRIUM_PUBLIC_BASE_URL (atrium.public-base-url) must be an absolute URL, not '" + url + "'"));
        if (isMultiTenant() && allowedTenants.isEmpty()) {
            problems.add("ATRIUM_OIDC_ALLOWED_TENANTS (atrium.oidc.allowed-tenants) must list the tenant ids allowed in "
                    + "when AZURE_TENANT_ID is '" + tenantId.orElseThrow() + "'");
        }
        prompt.filter(value -> Prompt.parse(value).isEmpty())
                .ifPresent(value -> problems.add("ATRIUM_OIDC_PROMPT (atrium.oidc.prompt) must be one of none, login, "
                        + "select_account, consent or empty, not '" + value + "'"));
        postLogoutRedirectUri.filter(url -> !url.startsWith("https://") && !url.startsWith("http://"))
                .ifPresent(url -> problems.add("ATRIUM_OIDC_POST_LOGOUT_REDIRECT_URI (atrium.oidc.post-logout-redirect-uri) "
                        + "must be an absolute URL, not '" + url + "'"));
        return problems;
    }

    /** Entra's v2 issuer for a single-tenant app, {@code {authority}/{tenant}/v2.0}; where the metadata is found. */
    public String issuer() {
        return authorityHost + "/" + tenantId.orElseThrow() + "/v2.0";
    }

    /** {@code organizations} or {@code common}: any work account's tenant may sign in, if it is on the allow-list. */
    public boolean isMultiTenant() {
        return tenantId.filter(MULTI_TENANT_AUTHORITIES::contains).isPresent();
    }

    /** The issuer Entra's multi-tenant metadata names, with {@code {tenantid}} standing for the token's tenant. */
    public String issuerTemplate() {
        return authorityHost + "/{tenantid}/v2.0";
    }

    public List<String> allowedTenants() {
        return allowedTenants;
    }

    public URI discoveryUri() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    public String tenantId() {
        return tenantId.orElseThrow();
    }

    public String clientId() {
        return clientId.orElseThrow();
    }

    /**
     * As {@link AppCredentialSettings} reads it; required by the credential that uses it: {@code ATRIUM_APP_CREDENTIAL}
     * decides ({@link SignInCredential}).
     */
    public Optional<String> clientSecret() {
        return clientSecret;
    }

    public String scopes() {
        return scopes;
    }

    public int clockSkewSeconds() {
        return clockSkewSeconds;
    }

    public Optional<String> publicBaseUrl() {
        return publicBaseUrl;
    }

    public Prompt prompt() {
        return prompt.flatMap(Prompt::parse).orElse(Prompt.DEFAULT);
    }

    /** Where Entra sends the browser after sign-out; by default Atrium's signed-out page. */
    public Optional<String> postLogoutRedirectUri() {
        return postLogoutRedirectUri;
    }

    /** Addresses of the reverse proxies whose X-Forwarded-Proto and X-Forwarded-Host headers are believed. */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
