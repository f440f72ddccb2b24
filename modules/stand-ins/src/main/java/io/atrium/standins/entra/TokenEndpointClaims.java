package io.atrium.standins.entra;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;

import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * Entra's claims for the tokens of the v2 token endpoint azure-identity calls, {@code {tenant}/oauth2/v2.0/token}:
 * application tokens (client credentials) and tokens on behalf of a user (the jwt-bearer grant with
 * {@code requested_token_use=on_behalf_of}).
 *
 * <p>For on-behalf-of the mock itself copies every claim of the user's token (the assertion) into the new token and
 * sets {@code iss}, {@code exp}, {@code iat}, {@code nbf} and {@code jti}; the audience and the claims here are laid
 * over that. A claim mapped to {@code null} is left out of the token. The mock would name the token endpoint's own
 * path as issuer; {@code iss} is mapped to the sign-in issuer, as Entra's v2 tokens carry it.
 */
final class TokenEndpointClaims implements OAuth2TokenCallback {

    /** The scopes MSAL adds to every request, which name no API. */
    private static final Set<String> RESERVED_SCOPES = Set.of("openid", "profile", "email", "offline_access");
    /** Where a scope without an API in front of it goes, as in Entra. */
    private static final String GRAPH = "https://graph.microsoft.com";
    private static final String TOKEN_PATH = "/oauth2/v2.0/token";
    /** What a user's token has that a token for another API must not inherit. */
    private static final List<String> SIGN_IN_ONLY_CLAIMS = List.of("roles", "groups", "_claim_names",
            "_claim_sources", "sid", "nonce");

    private final String tenantId;
    private final String ownClientId;
    private final Map<String, List<String>> appRolesByClient;
    private final String delegatedScopeOfDefault;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofHours(1);

    /**
     * @param appRolesByClient        the app roles in each client's application tokens; other clients get none
     * @param delegatedScopeOfDefault the {@code scp} of an on-behalf-of token asked for with {@code {api}/.default},
     *                                which in Entra means every scope consented to, unknown here
     */
    TokenEndpointClaims(String tenantId, String ownClientId, Map<String, List<String>> appRolesByClient,
                        String delegatedScopeOfDefault) {
        this.tenantId = tenantId;
        this.ownClientId = ownClientId;
        this.appRolesByClient = Map.copyOf(appRolesByClient);
        this.delegatedScopeOfDefault = delegatedScopeOfDefault;
    }

    /** The object id of a client's service principal in the tenant: the {@code oid} and {@code sub} of its tokens. */
    static String servicePrincipalId(String clientId) {
        return UUID.nameUUIDFromBytes(("service-principal:" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    int issued() {
        return issued.get();
    }

    void lifetime(Duration lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    @Override
    public String issuerId() {
        return tenantId + "/oauth2/v2.0";
    }

    /** Used for client credentials only: on behalf of a user, the mock keeps the user's {@code sub}. */
    @Override
    public String subject(TokenRequest request) {
        return servicePrincipalId(clientId(request));
    }

    @Override
    public String typeHeader(TokenRequest request) {
        return JOSEObjectType.JWT.getType();
    }

    @Override
    public List<String> audience(TokenRequest request) {
        return List.of(resource(apiScopes(request)));
    }

    /** Called once for each token issued, which makes it the place to count them. */
    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
        issued.incrementAndGet();
        String clientId = clientId(request);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", signInIssuer(request));
        claims.put("tid", tenantId);
        claims.put("azp", clientId);
        claims.put("azpacr", clientAuthenticationClass(request.getClientAuthentication()));
        claims.put("ver", "2.0");
        // Entra writes the capabilities the client declared for this request, not those of an assertion's client.
        claims.put("xms_cc", declaredCapabilities(request));
        if (GrantType.CLIENT_CREDENTIALS.equals(request.getAuthorizationGrant().getType())) {
            claims.put("idtyp", "app");
            claims.put("oid", servicePrincipalId(clientId));
            List<String> appRoles = appRolesByClient.getOrDefault(clientId, List.of());
            if (!appRoles.isEmpty()) {
                claims.put("roles", appRoles);
            }
        } else {
            SIGN_IN_ONLY_CLAIMS.forEach(name -> claims.put(name, null));
            claims.put("scp", delegatedScopes(apiScopes(request)));
        }
        return claims;
    }

    @Override
    public long tokenExpiry() {
        return lifetime.toSeconds();
    }

    /**
     * The {@code xms_cc} values of the request's {@code claims} parameter (MSAL's
     * {@code {"access_token":{"xms_cc":{"values":["CP1"]}}}}), lower-cased as Entra writes them; null without any.
     */
    private static List<String> declaredCapabilities(TokenRequest request) {
        List<String> parameter = request.getCustomParameters().get("claims");
        if (parameter == null || parameter.isEmpty()) {
            return null;
        }
        try {
            Map<String, Object> accessToken = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(parameter.get(0)),
                    "access_token");
            Map<String, Object> xmsCc = accessToken == null ? null : JSONObjectUtils.getJSONObject(accessToken, "xms_cc");
            List<String> values = xmsCc == null ? null : JSONObjectUtils.getStringList(xmsCc, "values");
            return values == null || values.isEmpty() ? null
                    : values.stream().map(value -> value.toLowerCase(Locale.ROOT)).toList();
        } catch (ParseException e) {
            return null;
        }
    }

    private static String clientId(TokenRequest request) {
        ClientAuthentication authentication = request.getClientAuthentication();
        return authentication != null ? authentication.getClientID().getValue() : request.getClientID().getValue();
    }

    /** {@code https://localhost:PORT/{tenant}/v2.0}, from the address the request was sent to. */
    private static String signInIssuer(TokenRequest request) {
        String endpoint = request.getEndpointURI().toString();
        return endpoint.endsWith(TOKEN_PATH)
                ? endpoint.substring(0, endpoint.length() - TOKEN_PATH.length()) + "/v2.0"
                : endpoint;
    }

    /** Entra's {@code azpacr}: 0 for a public client, 1 for a client secret, 2 for a certificate or an assertion. */
    private static String clientAuthenticationClass(ClientAuthentication authentication) {
        if (authentication == null) {
            return "0";
        }
        ClientAuthenticationMethod method = authentication.getMethod();
        return ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
                || ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method) ? "1" : "2";
    }

    private static List<String> apiScopes(TokenRequest request) {
        return request.getScope() == null ? List.of() : request.getScope().toStringList().stream()
                .filter(scope -> !RESERVED_SCOPES.contains(scope)).toList();
    }

    /**
     * The API the first scope names: {@code api://x/.default} and {@code api://x/Read} give {@code api://x}; Atrium's
     * own API, however named, gives its client id, as in Entra's v2 tokens.
     */
    private String resource(List<String> scopes) {
        if (scopes.isEmpty()) {
            return ownClientId;
        }
        String scope = scopes.get(0);
        int slash = scope.lastIndexOf('/');
        String resource = slash < 0 ? GRAPH : scope.substring(0, slash);
        return resource.equals("api://" + ownClientId) ? ownClientId : resource;
    }

    /** {@code scp}: the scope names without their API, space-separated as Entra writes them. */
    private String delegatedScopes(List<String> scopes) {
        return String.join(" ", scopes.stream()
                .map(scope -> scope.substring(scope.lastIndexOf('/') + 1))
                .map(name -> name.equals(".default") ? delegatedScopeOfDefault : name)
                .distinct()
                .toList());
    }
}
