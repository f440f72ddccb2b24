package io.atrium.standins.hostile;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values for codes and tokens that only this provider reads: 256 random bits, base64url. */
final class OpaqueValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueValues() {
    }

    static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
