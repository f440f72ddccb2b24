package io.atrium.standins.entra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * The OpenID metadata of Entra's multi-tenant authority, {@code organizations/v2.0}, as Entra serves it: the issuer is
 * the template {@code https://host/{tenantid}/v2.0}, because each token names its user's own tenant; the endpoints
 * are the authority's own. The mock would name {@code organizations} itself as the issuer, so this route answers first.
 */
final class MultiTenantDiscovery implements Route {

    static final String AUTHORITY = "organizations";
    static final String ISSUER_ID = AUTHORITY + "/v2.0";
    private static final String PATH = "/" + ISSUER_ID + "/.well-known/openid-configuration";

    private final String authorityHost;

    MultiTenantDiscovery(String authorityHost) {
        this.authorityHost = authorityHost;
    }

    @Override
    public boolean match(OAuth2HttpRequest request) {
        return "GET".equals(request.getMethod()) && PATH.equals(request.getUrl().encodedPath());
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        String base = authorityHost + "/" + ISSUER_ID;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", authorityHost + "/{tenantid}/v2.0");
        metadata.put("authorization_endpoint", base + "/authorize");
        metadata.put("token_endpoint", base + "/token");
        metadata.put("end_session_endpoint", base + "/endsession");
        metadata.put("userinfo_endpoint", base + "/userinfo");
        metadata.put("jwks_uri", base + "/jwks");
        metadata.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        metadata.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        metadata.put("subject_types_supported", List.of("pairwise"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put("frontchannel_logout_supported", true);
        metadata.put("tenant_region_scope", null);
        return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json;charset=UTF-8"), 200,
                JSONObjectUtils.toJSONString(metadata), null);
    }
}
