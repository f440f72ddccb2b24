package io.atrium.web.logging;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.ServletRequest;

/**
 * The id of the request this thread is serving, for every log line written while serving it. A caller's
 * {@code X-Request-Id} is kept when it is a plain token (a proxy's or a load balancer's id ties their logs to ours);
 * anything else, which could forge log lines or carry a secret, is replaced by a new id.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestId.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestId() {
    }

    /** The id of the request this thread is serving, or null outside a request. */
    public static String current() {
        return CURRENT.get();
    }

    /** The request's id, chosen once per request, and made this thread's. */
    static String begin(ServletRequest request, String offered) {
        String id = (String) request.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
            request.setAttribute(ATTRIBUTE, id);
        }
        CURRENT.set(id);
        return id;
    }

    static void end() {
        CURRENT.remove();
    }
}
