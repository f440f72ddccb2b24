package io.atrium.identity.internal.oidc;

import java.io.IOException;
import java.net.URL;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import net.minidev.json.JSONObject;

/**
 * Entra's OpenID metadata and signing keys, fetched on first use and kept for the life of the application. The key
 * source caches the JWKS and refetches it when a token names a key it does not know, which is how Entra's key
 * rotation reaches us without a restart.
 */
@ApplicationScoped
public class EntraMetadata {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;
    private static final Logger LOG = Logger.getLogger(EntraMetadata.class.getName());

    private final OidcSettings settings;
    private volatile Loaded loaded;

    @Inject
    public EntraMetadata(OidcSettings settings) {
        this.settings = settings;
    }

    /** For CDI's proxy. */
    protected EntraMetadata() {
        this.settings = null;
    }

    public OIDCProviderMetadata provider() throws IOException {
        return load().provider;
    }

    /** The tenant's signing keys (RS256 only), cached, refetched when a token names a key not yet seen. */
    public JWSKeySelector<SecurityContext> signingKeys() throws IOException {
        return load().signingKeys;
    }

    private Loaded load() throws IOException {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    current = fetch();
                    loaded = current;
                }
            }
        }
        return current;
    }

    private Loaded fetch() throws IOException {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, settings.discoveryUri());
        request.setConnectTimeout(CONNECT_TIMEOUT_MS);
        request.setReadTimeout(READ_TIMEOUT_MS);
        OIDCProviderMetadata provider;
        try {
            JSONObject metadata = request.send().getBodyAsJSONObject();
            String expectedIssuer = settings.isMultiTenant() ? settings.issuerTemplate() : settings.issuer();
            Object issuer = metadata.get("issuer");
            if (!expectedIssuer.equals(issuer)) {
                throw new IOException("Entra's OpenID metadata names issuer " + issuer + " but Atrium expects "
                        + expectedIssuer);
            }
            if (settings.isMultiTenant()) {
                // Entra's multi-tenant issuer, https://login.microsoftonline.com/{tenantid}/v2.0, is no URI (braces),
                // which Nimbus refuses; each token's issuer is the template filled with its tid (IdTokenVerifier).
                metadata.put("issuer", settings.issuer());
            }
            provider = OIDCProviderMetadata.parse(metadata);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new IOException("Entra's OpenID metadata at " + settings.discoveryUri() + " cannot be read: " + e.getMessage(), e);
        }
        URL jwksUrl = provider.getJWKSetURI().toURL();
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(jwksUrl, new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS))
                .retrying(true)
                .build();
        LOG.info(() -> "Entra metadata loaded: issuer " + (settings.isMultiTenant() ? settings.issuerTemplate()
                : provider.getIssuer()) + ", keys at " + jwksUrl);
        return new Loaded(provider, new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    }

    private record Loaded(OIDCProviderMetadata provider, JWSKeySelector<SecurityContext> signingKeys) {
    }
}
