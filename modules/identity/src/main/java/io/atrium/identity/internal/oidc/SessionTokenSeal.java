package io.atrium.identity.internal.oidc;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals the employee's tokens inside their session with AES-256-GCM, so that a session replicated through the data
 * grid (or written to any session store) carries no token in clear. Keys come from {@code ATRIUM_SESSION_TOKEN_KEYS},
 * {@code id:base64-of-32-bytes} entries separated by commas: the first seals, every one opens, so a key is rotated by
 * putting the new one first and dropping the old one once the longest session has ended.
 *
 * <p>Java serialization has no way to ask CDI for a bean, so the seal in use is also held in a static field, set when
 * this bean starts; each application (class loader) has its own.
 */
@ApplicationScoped
public class SessionTokenSeal {

    static final String SETTING = "ATRIUM_SESSION_TOKEN_KEYS (atrium.session.token-keys)";
    private static final Logger LOG = Logger.getLogger(SessionTokenSeal.class.getName());
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile SessionTokenSeal installed;

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final boolean configured;

    @Inject
    public SessionTokenSeal(@ConfigProperty(name = "atrium.session.token-keys") Optional<String> setting) {
        this.configured = setting.filter(value -> !value.isBlank()).isPresent();
        if (configured) {
            parse(setting.get());
        } else {
            byte[] random = new byte[KEY_BYTES];
            RANDOM.nextBytes(random);
            keys.put("process", new SecretKeySpec(random, "AES"));
        }
    }

    /** For CDI's proxy. */
    protected SessionTokenSeal() {
        this(Optional.empty());
    }

    @PostConstruct
    void install() {
        if (!configured) {
            LOG.warning(SETTING + " is not set: tokens in sessions are sealed with a key of this process only, so a "
                    + "session that moves to another instance (or survives a restart) asks the employee to sign in again");
        }
        if (problems.isEmpty()) {
            installed = this;
        }
    }

    /** The seal of the running application, for the session's serialized form. */
    static SessionTokenSeal installed() {
        SessionTokenSeal seal = installed;
        if (seal == null) {
            throw new IllegalStateException("no session token seal is installed: the identity module has not started");
        }
        return seal;
    }

    /** For tests: the seal serialization uses, as the running application would install it. */
    static void install(SessionTokenSeal seal) {
        installed = seal;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** {@code plain} sealed with the current key, bound to {@code context} (which must be given again to open it). */
    Sealed seal(String plain, String context) {
        Map.Entry<String, SecretKey> current = keys.entrySet().iterator().next();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.getValue(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new Sealed(current.getKey(), nonce, cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The plain text, or empty when the key is no longer known or the sealed bytes or context were changed. */
    Optional<String> open(Sealed sealed, String context) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException tamperedOrWrongKey) {
            return Optional.empty();
        }
    }

    private void parse(String setting) {
        for (String entry : setting.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                problems.add(SETTING + " entries are id:base64-key; one has no id (generate a key with "
                        + "`openssl rand -base64 32`)");
                continue;
            }
            String id = trimmed.substring(0, colon);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                problems.add(SETTING + ": the key of '" + id + "' is not base64");
                continue;
            }
            if (key.length != KEY_BYTES) {
                problems.add(SETTING + ": the key of '" + id + "' has " + key.length + " bytes; AES-256 needs "
                        + KEY_BYTES + " (`openssl rand -base64 32`)");
            } else if (keys.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
                problems.add(SETTING + ": the id '" + id + "' is used twice");
            }
        }
        if (keys.isEmpty() && problems.isEmpty()) {
            problems.add(SETTING + " names no key");
        }
    }

    /** Sealed bytes and the id of the key that sealed them. */
    record Sealed(String keyId, byte[] nonce, byte[] ciphertext) implements Serializable {
    }
}
