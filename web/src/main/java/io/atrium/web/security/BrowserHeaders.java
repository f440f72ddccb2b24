package io.atrium.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.identity.EntraSettings;
import io.atrium.identity.PublicAddress;

/**
 * The headers that tell a browser how to treat Atrium's answers: what a page may run and load, that no other site may
 * frame it, that it is only ever to be reached over https (once it has been), and how little to say in a Referer.
 * Every answer gets them ({@link BrowserHeadersOnEveryAnswer}); a Faces page's policy is the same with the page's
 * nonce, written by PrimeFaces from {@link #getPagePolicy()}.
 */
@Named
@ApplicationScoped
public class BrowserHeaders {

    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    /** One year, as browsers' preload lists ask; only the browser that reached Atrium over https keeps it. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

    @Inject
    EntraSettings entra;

    @Inject
    PublicAddress publicAddress;

    private ContentSecurityPolicy policy;

    @PostConstruct
    void readPolicy() {
        policy = ContentSecurityPolicy.forAuthorityHost(entra.authorityHost());
    }

    /** For {@code primefaces.CSP_POLICY} in web.xml: PrimeFaces appends the page's nonce to its {@code script-src}. */
    public String getPagePolicy() {
        return policy.unframed();
    }

    void apply(HttpServletRequest request, HttpServletResponse response) {
        boolean entraFramesIt = ContentSecurityPolicy.FRONT_CHANNEL_LOGOUT.equals(
                request.getRequestURI().substring(request.getContextPath().length()));
        response.setHeader(CONTENT_SECURITY_POLICY, entraFramesIt ? policy.framedByEntra() : policy.unframed());
        if (!entraFramesIt) {
            // For browsers that predate frame-ancestors; the others ignore it when a policy has frame-ancestors.
            response.setHeader("X-Frame-Options", "DENY");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        // Behind a TLS-terminating proxy the request says http: the public address says what the browser used.
        if (publicAddress.reachedOverHttps(request)) {
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
    }
}
