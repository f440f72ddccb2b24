package io.atrium.standins.hostile;

import java.util.Arrays;
import java.util.Optional;

/** The endpoints of {@link HostileEntra}, each under its issuer {@code https://localhost:PORT/{tenant}/v2.0}. */
public enum Endpoint {

    DISCOVERY("/.well-known/openid-configuration"),
    AUTHORIZE("/authorize"),
    TOKEN("/token"),
    JWKS("/jwks"),
    END_SESSION("/logout");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The path below the issuer. */
    public String path() {
        return path;
    }

    static Optional<Endpoint> at(String pathBelowIssuer) {
        return Arrays.stream(values()).filter(endpoint -> endpoint.path.equals(pathBelowIssuer)).findFirst();
    }
}
