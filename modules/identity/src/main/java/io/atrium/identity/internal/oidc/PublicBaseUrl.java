package io.atrium.identity.internal.oidc;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Atrium's URL as the browser sees it, for redirect URIs Entra will compare with the registered ones. Behind a
 * TLS-terminating proxy the request says http and an internal host: a configured public base URL wins; otherwise
 * X-Forwarded-Proto and X-Forwarded-Host are believed only from the configured trusted proxies, since anyone else
 * could send them to make Atrium build redirects to a host of their choosing.
 */
public final class PublicBaseUrl {

    private PublicBaseUrl() {
    }

    public static String of(HttpServletRequest request, OidcSettings settings) {
        return settings.publicBaseUrl().orElseGet(() -> fromRequest(settings.trustedProxies(), request.getRemoteAddr(),
                request.getHeader("X-Forwarded-Proto"), request.getHeader("X-Forwarded-Host"), request.getScheme(),
                request.getServerName(), request.getServerPort(), request.getContextPath()));
    }

    static String fromRequest(List<String> trustedProxies, String remoteAddress, String forwardedProto,
                              String forwardedHost, String scheme, String serverName, int serverPort, String contextPath) {
        if (trustedProxies.contains(remoteAddress)) {
            Optional<String> proto = first(forwardedProto).filter(value -> value.equals("https") || value.equals("http"));
            Optional<String> host = first(forwardedHost).filter(PublicBaseUrl::isHostAndPort);
            if (proto.isPresent() && host.isPresent()) {
                return proto.get() + "://" + host.get() + contextPath;
            }
        }
        boolean defaultPort = ("http".equals(scheme) && serverPort == 80) || ("https".equals(scheme) && serverPort == 443);
        return scheme + "://" + serverName + (defaultPort ? "" : ":" + serverPort) + contextPath;
    }

    /** A proxy chain sends "a, b"; the first is what the browser asked for. */
    private static Optional<String> first(String header) {
        return Optional.ofNullable(header).map(value -> value.split(",", 2)[0].strip()).filter(value -> !value.isEmpty());
    }

    private static boolean isHostAndPort(String value) {
        return value.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    }
}
