package io.atrium.identity.internal.security;

import java.util.Arrays;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A short-lived cookie saying "this browser just signed out", so that a configured {@code prompt=none} does not sign
 * the employee silently back in with the Entra session they may still have.
 */
public final class SignedOutMarker {

    private static final String NAME = "atrium_signed_out";
    private static final int TEN_MINUTES = 600;

    private SignedOutMarker() {
    }

    public static void set(HttpServletResponse response) {
        response.addHeader("Set-Cookie", NAME + "=1; Max-Age=" + TEN_MINUTES + "; Path=/; HttpOnly; Secure; SameSite=Lax");
    }

    static void clear(HttpServletResponse response) {
        response.addHeader("Set-Cookie", NAME + "=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax");
    }

    static boolean isSet(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies != null && Arrays.stream(cookies).anyMatch(cookie -> NAME.equals(cookie.getName()));
    }
}
