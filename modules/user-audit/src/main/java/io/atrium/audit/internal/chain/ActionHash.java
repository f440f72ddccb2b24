package io.atrium.audit.internal.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What one admin-action entry's hash covers: the previous entry's hash and every field of this one, hashed with
 * SHA-256 when no chain key is configured ({@link ActionSeal} keys it otherwise). Each field is written with its length, so that no
 * two different entries can produce the same text ("ab"+"c" vs "a"+"bc").
 */
final class ActionHash {

    static final String GENESIS = "0".repeat(64);

    private ActionHash() {
    }

    /** The entry as the one text both the unkeyed hash and the keyed seal cover. */
    static String text(String previousHash, long seq, Instant occurredAt, String actor, String action,
                       UUID targetUserId, String target, String before, String after, String reason) {
        StringBuilder text = new StringBuilder(256);
        for (String field : new String[]{previousHash, Long.toString(seq), occurredAt.toString(), actor, action,
                targetUserId == null ? null : targetUserId.toString(), target, before, after, reason}) {
            if (field == null) {
                text.append("-1:;");
            } else {
                text.append(field.length()).append(':').append(field).append(';');
            }
        }
        return text.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
