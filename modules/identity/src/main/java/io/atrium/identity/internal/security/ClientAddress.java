package io.atrium.identity.internal.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The browser's address for the audit trail. Behind Atrium's own reverse proxies ({@code atrium.trusted-proxies}),
 * the connection comes from the proxy: the address is then the right-most entry of {@code X-Forwarded-For} that is
 * not itself a trusted proxy, since everything left of it could have been written by the client.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServletRequest request, List<String> trustedProxies) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), trustedProxies);
    }

    static String of(String remoteAddress, String forwardedFor, List<String> trustedProxies) {
        if (forwardedFor == null || !trustedProxies.contains(remoteAddress)) {
            return remoteAddress;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return remoteAddress;
    }
}
