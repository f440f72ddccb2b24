package io.atrium.audit.internal.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of one admin-action entry: SHA-256 over the previous entry's hash and every field of this one. Each field
 * is written with its length, so that no two different entries can produce the same text ("ab"+"c" vs "a"+"bc").
 */
final class ActionHash {

    static final String GENESIS = "0".repeat(64);

    private ActionHash() {
    }

    static String of(String previousHash, long seq, Instant occurredAt, String actor, String action, UUID targetUserId,
                     String target, String before, String after, String reason) {
        StringBuilder text = new StringBuilder(256);
        for (String field : new String[]{previousHash, Long.toString(seq), occurredAt.toString(), actor, action,
                targetUserId == null ? null : targetUserId.toString(), target, before, after, reason}) {
            if (field == null) {
                text.append("-1:;");
            } else {
                text.append(field.length()).append(':').append(field).append(';');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
