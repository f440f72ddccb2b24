package io.atrium.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import io.atrium.identity.internal.oidc.OidcSettings;
import io.atrium.identity.internal.oidc.PublicBaseUrl;

/**
 * Atrium's address as the browser used it: the configured public base URL, or what a trusted proxy forwarded, or the
 * request itself; the same answer the sign-in builds its redirect URI from.
 */
@ApplicationScoped
public class PublicAddress {

    private final OidcSettings settings;

    /** Package-private: its settings are the module's own, which no caller outside it can name. */
    @Inject
    PublicAddress(OidcSettings settings) {
        this.settings = settings;
    }

    /** For CDI's proxy. */
    protected PublicAddress() {
        this(null);
    }

    /** True when the browser reached Atrium over https, even where TLS ended at a proxy in front of it. */
    public boolean reachedOverHttps(HttpServletRequest request) {
        return request.isSecure() || PublicBaseUrl.of(request, settings).startsWith("https://");
    }
}
