package io.atrium.web.ui.chat;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;

/**
 * The CSRF token of the chat page's ratings, which post from script rather than through a Faces form (the view state
 * guards those): random per browser session, written into the page, sent back in a header, compared in constant
 * time. Another site can neither read it nor set the header without a preflight Atrium never allows.
 */
@Named
@SessionScoped
public class FeedbackToken implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    public FeedbackToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String getValue() {
        return value;
    }

    boolean matches(String sent) {
        return sent != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.US_ASCII));
    }
}
