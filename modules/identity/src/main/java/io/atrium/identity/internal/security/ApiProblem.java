package io.atrium.identity.internal.security;

import java.io.IOException;

import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses an API call the way RFC 6750 and RFC 9457 say: the status, a {@code WWW-Authenticate: Bearer} challenge
 * with the error code, and an {@code application/problem+json} body a developer can read.
 */
final class ApiProblem {

    /** Looked up once: {@code Json}'s factory methods scan the class loaders for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ApiProblem() {
    }

    static void write(HttpServletResponse response, int status, String error, String detail) throws IOException {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"atrium\"");
        if (error != null) {
            challenge.append(", error=\"").append(error).append("\", error_description=\"")
                    .append(detail.replace("\"", "'").replace("\\", "/")).append('"');
        }
        writeWithChallenge(response, status, challenge.toString(), detail);
    }

    /** @param wwwAuthenticate the whole challenge, such as a claims challenge */
    static void writeWithChallenge(HttpServletResponse response, int status, String wwwAuthenticate, String detail)
            throws IOException {
        response.setStatus(status);
        response.setHeader("WWW-Authenticate", wwwAuthenticate);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().print(JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", status == 401 ? "Unauthorized" : "Forbidden")
                .add("status", status)
                .add("detail", detail)
                .build());
        response.flushBuffer();
    }
}
