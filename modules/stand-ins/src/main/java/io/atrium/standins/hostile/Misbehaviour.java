package io.atrium.standins.hostile;

/**
 * One way in which {@link HostileEntra} gets an ID token wrong. Each breaks exactly one rule a relying party must
 * check, so that a client which accepts the token has skipped precisely that check.
 */
public enum Misbehaviour {

    /** Signed by a key the JWKS does not hold, under the {@code kid} of one it does: the signature does not verify. */
    SIGNED_WITH_UNKNOWN_KEY,

    /** Issued in the name of another tenant of the same authority. */
    WRONG_ISSUER,

    /** Issued to another application ({@code aud} is another client id). */
    WRONG_AUDIENCE,

    /** Expired an hour ago, far beyond any clock skew. */
    EXPIRED,

    /** Issued an hour from now, far beyond any clock skew. */
    ISSUED_IN_THE_FUTURE,

    /** Without the {@code nonce} the authorization request carried. */
    NONCE_MISSING,

    /** With a {@code nonce} other than the one the authorization request carried. */
    NONCE_DIFFERENT,

    /** Unsigned: a plain JWT with {@code "alg":"none"}. */
    ALG_NONE,

    /**
     * HMAC-signed (HS256) with the client secret as key, under the {@code kid} of the RSA key: the algorithm
     * confusion a client falls for when it lets the token's header choose the algorithm.
     */
    HS256_WITH_CLIENT_SECRET,

    /** Signed by a key whose {@code kid} is in no JWKS the provider has served or will serve. */
    UNKNOWN_KID
}
