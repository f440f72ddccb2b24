package io.atrium.identity;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import io.atrium.identity.internal.oidc.OidcSettings;

/**
 * Whether Entra ID answers now, for a readiness probe: the tenant's OpenID metadata and its signing keys (JWKS) are
 * each fetched afresh, because the copies the sign-in keeps say nothing about whether Entra can be reached today.
 */
@ApplicationScoped
public class EntraReachability {

    /** Short, so that a probe with a few seconds' timeout gets an answer from us rather than its own timeout. */
    private static final int TIMEOUT_MS = 2_000;

    @Inject
    OidcSettings settings;

    /** Empty when the metadata and the keys can be read; otherwise what failed, for the log only. */
    public Optional<String> problem() {
        try {
            HTTPResponse metadataResponse = get(settings.discoveryUri().toString());
            if (!metadataResponse.indicatesSuccess()) {
                return Optional.of("OpenID metadata at " + settings.discoveryUri() + " answered "
                        + metadataResponse.getStatusCode());
            }
            OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(metadataResponse.getBodyAsJSONObject());
            HTTPResponse keysResponse = get(metadata.getJWKSetURI().toString());
            if (!keysResponse.indicatesSuccess()) {
                return Optional.of("signing keys at " + metadata.getJWKSetURI() + " answered "
                        + keysResponse.getStatusCode());
            }
            if (JWKSet.parse(keysResponse.getBody()).getKeys().isEmpty()) {
                return Optional.of("signing keys at " + metadata.getJWKSetURI() + " hold no key");
            }
            return Optional.empty();
        } catch (IOException | ParseException | java.text.ParseException | RuntimeException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static HTTPResponse get(String url) throws IOException {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, java.net.URI.create(url));
        request.setConnectTimeout(TIMEOUT_MS);
        request.setReadTimeout(TIMEOUT_MS);
        return request.send();
    }
}
