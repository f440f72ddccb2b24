package io.atrium.web.security;

import java.net.URI;

/**
 * The Content-Security-Policy of Atrium's answers. Scripts run only from Atrium itself, or inline with the nonce
 * PrimeFaces appends to a page's policy; styles may be inline, as the static pages and PrimeFaces' components write
 * them. Forms post to Atrium only, and to Entra: Chrome applies {@code form-action} to the redirect that follows a post,
 * and signing out (a post) ends at Entra's end-session endpoint, as does a post whose session has ended.
 */
final class ContentSecurityPolicy {

    /** Where Entra's front-channel logout loads Atrium: its hidden iframe on the Entra sign-out page. */
    static final String FRONT_CHANNEL_LOGOUT = "/auth/front-channel-logout";

    private final String entraOrigin;

    ContentSecurityPolicy(String entraOrigin) {
        this.entraOrigin = entraOrigin;
    }

    /** The origin of Entra's authority host ({@code https://login.microsoftonline.com}), as a CSP source. */
    static ContentSecurityPolicy forAuthorityHost(String authorityHost) {
        URI uri = URI.create(authorityHost.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + authorityHost);
        }
        return new ContentSecurityPolicy(uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    /**
     * The policy of every answer that may not be framed. It ends with {@code script-src}, without a nonce: PrimeFaces
     * appends a page's nonce there ({@code primefaces.CSP_POLICY}).
     */
    String unframed() {
        return directives("'none'");
    }

    /** The same, but framed by Entra only: the answer to its front-channel logout. */
    String framedByEntra() {
        return directives(entraOrigin);
    }

    private String directives(String frameAncestors) {
        return "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors " + frameAncestors
                + "; form-action 'self' " + entraOrigin
                + "; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";
    }
}
