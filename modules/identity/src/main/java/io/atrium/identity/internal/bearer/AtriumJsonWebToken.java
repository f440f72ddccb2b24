package io.atrium.identity.internal.bearer;

import java.io.Serializable;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * A verified Entra access token as MicroProfile JWT's {@link JsonWebToken}, so API code reads callers the standard way.
 * {@link #getGroups()} gives the caller's effective Atrium roles, which is what {@code @RolesAllowed} checks.
 */
final class AtriumJsonWebToken implements JsonWebToken, Serializable {

    private static final long serialVersionUID = 1L;

    private final String rawToken;
    private final Map<String, Object> claims;
    private final Set<String> roles;

    AtriumJsonWebToken(String rawToken, JWTClaimsSet claims, Set<String> roles) {
        this.rawToken = rawToken;
        this.claims = claims.toJSONObject();
        this.roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        for (String name : List.of("preferred_username", "upn", "azp", "appid", "sub")) {
            Object value = claims.get(name);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return "unknown";
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.keySet());
        names.add(Claims.raw_token.name());
        names.add(Claims.groups.name());
        return names;
    }

    @Override
    public Set<String> getGroups() {
        return roles;
    }

    @Override
    public String getRawToken() {
        return rawToken;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        if (Claims.raw_token.name().equals(claimName)) {
            return (T) rawToken;
        }
        if (Claims.groups.name().equals(claimName)) {
            return (T) roles;
        }
        Object value = claims.get(claimName);
        return switch (claimName) {
            // MicroProfile JWT gives times as seconds since the epoch.
            case "exp", "iat", "nbf", "auth_time" -> (T) seconds(value);
            case "aud" -> (T) audience(value);
            default -> (T) value;
        };
    }

    private static Long seconds(Object value) {
        if (value instanceof Date date) {
            return date.getTime() / 1000;
        }
        return value instanceof Number number ? number.longValue() : null;
    }

    private static Set<String> audience(Object value) {
        if (value instanceof List<?> list) {
            return Set.copyOf(list.stream().map(String::valueOf).toList());
        }
        return value == null ? null : Set.of(String.valueOf(value));
    }

    @Override
    public String toString() {
        return "AtriumJsonWebToken[" + getName() + ", roles " + roles + "]";
    }
}
