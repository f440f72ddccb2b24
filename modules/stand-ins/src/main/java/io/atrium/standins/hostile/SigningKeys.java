package io.atrium.standins.hostile;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The provider's RSA signing key, which rotation replaces, and a stranger's key that no JWKS ever shows. Key ids are
 * the keys' thumbprints, so a rotated key always has a new one.
 */
final class SigningKeys {

    private final RSAKey stranger = generate();
    private volatile RSAKey current = generate();

    RSAKey current() {
        return current;
    }

    RSAKey stranger() {
        return stranger;
    }

    void rotate() {
        current = generate();
    }

    /** The JWKS as served: the public half of the current key only. */
    String jwks() {
        return new JWKSet(current.toPublicJWK()).toString();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }
}
