package io.atrium.audit.internal.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.atrium.audit.AdminActionView;

/**
 * Keys the admin-action chain: with {@code ATRIUM_AUDIT_CHAIN_KEYS} set, each entry's hash is an HMAC-SHA256 under a
 * key that lives in Atrium's configuration, never in the database, so someone with the table owner's rights can still
 * change a row but cannot recompute a chain that verifies. Stored as {@code hmac-sha256:<key id>:<hex>}; the first key
 * seals, every one verifies (rotation). Entries written before a key was configured carry the unkeyed SHA-256 and are
 * accepted only up to {@code ATRIUM_AUDIT_CHAIN_UNKEYED_UNTIL}, so that rewriting keyed entries as unkeyed ones shows.
 */
@ApplicationScoped
public class ActionSeal {

    private static final String PREFIX = "hmac-sha256:";
    private static final String KEYS = "ATRIUM_AUDIT_CHAIN_KEYS (atrium.audit.chain-keys)";
    private static final int MIN_KEY_BYTES = 32;

    private final Map<String, byte[]> keys = new LinkedHashMap<>();
    private final long unkeyedUntil;
    private final List<String> problems = new ArrayList<>();

    @Inject
    public ActionSeal(@ConfigProperty(name = "atrium.audit.chain-keys") Optional<String> keys,
                      @ConfigProperty(name = "atrium.audit.chain-unkeyed-until", defaultValue = "0") long unkeyedUntil) {
        this.unkeyedUntil = unkeyedUntil;
        keys.filter(value -> !value.isBlank()).ifPresent(this::parse);
        if (unkeyedUntil < 0) {
            problems.add("ATRIUM_AUDIT_CHAIN_UNKEYED_UNTIL (atrium.audit.chain-unkeyed-until) must not be negative");
        }
    }

    /** For CDI's proxy. */
    protected ActionSeal() {
        this(Optional.empty(), 0);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The hash to store for an entry whose canonical text is {@code text}. */
    String seal(String text) {
        if (keys.isEmpty()) {
            return ActionHash.sha256(text);
        }
        Map.Entry<String, byte[]> current = keys.entrySet().iterator().next();
        return PREFIX + current.getKey() + ":" + hmac(current.getValue(), text);
    }

    /** Why {@code entry}'s stored hash does not vouch for {@code text}, or empty when it does. */
    Optional<String> problemWith(AdminActionView entry, String text) {
        String stored = entry.hash();
        if (!stored.startsWith(PREFIX)) {
            if (!keys.isEmpty() && entry.seq() > unkeyedUntil) {
                return Optional.of("entry " + entry.seq() + " is not sealed with Atrium's chain key: it was written "
                        + "or rewritten by someone without the key");
            }
            return ActionHash.sha256(text).equals(stored) ? Optional.empty() : changed(entry);
        }
        String[] parts = stored.substring(PREFIX.length()).split(":", 2);
        byte[] key = parts.length == 2 ? keys.get(parts[0]) : null;
        if (key == null) {
            return Optional.of("entry " + entry.seq() + " is sealed with a chain key '" + (parts.length == 2 ? parts[0]
                    : "") + "' that " + KEYS + " does not hold, so it cannot be verified");
        }
        boolean same = MessageDigest.isEqual(hmac(key, text).getBytes(StandardCharsets.US_ASCII),
                parts[1].getBytes(StandardCharsets.US_ASCII));
        return same ? Optional.empty() : changed(entry);
    }

    private static Optional<String> changed(AdminActionView entry) {
        return Optional.of("entry " + entry.seq() + " was changed after it was written");
    }

    private static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private void parse(String setting) {
        for (String entry : setting.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            String id = colon > 0 ? trimmed.substring(0, colon) : "";
            byte[] key;
            try {
                key = colon > 0 ? Base64.getDecoder().decode(trimmed.substring(colon + 1)) : new byte[0];
            } catch (IllegalArgumentException notBase64) {
                key = new byte[0];
            }
            if (id.isEmpty() || id.contains(":") || key.length < MIN_KEY_BYTES) {
                problems.add(KEYS + " entries are id:base64 with at least " + MIN_KEY_BYTES + " bytes of key "
                        + "(`openssl rand -base64 32`); '" + (id.isEmpty() ? "(no id)" : id) + "' is not");
            } else if (keys.putIfAbsent(id, key) != null) {
                problems.add(KEYS + ": the id '" + id + "' is used twice");
            }
        }
    }
}
