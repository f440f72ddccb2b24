package io.atrium.identity.internal.security;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.http.HttpServletResponse;

import io.atrium.identity.internal.oidc.SignInFailure;

/**
 * The page an employee sees when sign-in fails. Written here rather than by Faces so that it still works when the
 * failure is in the application itself; every text in it is escaped.
 */
final class SignInProblemPage {

    private SignInProblemPage() {
    }

    static void write(String homeUrl, HttpServletResponse response, SignInFailure failure) throws IOException {
        SignInFailure.Reason reason = failure.reason();
        response.setStatus(reason.status());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        PrintWriter out = response.getWriter();
        out.print("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s – Atrium</title>
                <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1b1b1b}
                .ref{color:#555;font-size:.9rem}</style></head>
                <body><main><h1>%1$s</h1><p>%2$s</p>
                <p><a href="%4$s">Open Atrium again</a></p>
                <p class="ref">Reference: <code>%3$s</code></p></main></body></html>
                """.formatted(escape(reason.title()), escape(reason.advice()), escape(failure.reference()), escape(homeUrl)));
        response.flushBuffer();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
