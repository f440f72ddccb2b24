package io.atrium.identity.internal.security;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.http.HttpServletResponse;

import io.atrium.identity.internal.oidc.SignInFailure;

/**
 * The page an employee sees when sign-in fails. Written here rather than by Faces so that it still works when the
 * failure is in the application itself; every text in it is escaped. The reference to quote is the request's id,
 * which is on every log line of this request; when Entra refused, Entra's correlation and trace ids are shown too,
 * since the help desk finds the attempt in Entra's sign-in logs by them, and Microsoft's support asks for them.
 */
final class SignInProblemPage {

    /** Set on every answer before Atrium's mechanism runs (web's request-id decorator). */
    private static final String REQUEST_ID = "X-Request-Id";

    private SignInProblemPage() {
    }

    /** What the employee quotes: the request's id, or the failure's own reference where no request id was given. */
    static String reference(HttpServletResponse response, SignInFailure failure) {
        String requestId = response.getHeader(REQUEST_ID);
        return requestId == null || requestId.isBlank() ? failure.reference() : requestId;
    }

    static void write(String homeUrl, HttpServletResponse response, SignInFailure failure) throws IOException {
        SignInFailure.Reason reason = failure.reason();
        String reference = reference(response, failure);
        response.setStatus(reason.status());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        // Stricter than the pages' policy (it has no script, no form and no image), replacing it.
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        PrintWriter out = response.getWriter();
        out.print("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s – Atrium</title>
                <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1b1b1b}
                .ref{color:#555;font-size:.9rem}</style></head>
                <body><main><h1>%1$s</h1><p>%2$s</p>
                <p><a href="%4$s">Open Atrium again</a></p>
                <p class="ref">Reference: <code id="reference">%3$s</code></p>%5$s</main></body></html>
                """.formatted(escape(reason.title()), escape(reason.advice()), escape(reference), escape(homeUrl),
                entraIds(failure)));
        response.flushBuffer();
    }

    private static String entraIds(SignInFailure failure) {
        String correlationId = failure.entraCorrelationId();
        String traceId = failure.entraTraceId();
        if (correlationId == null && traceId == null) {
            return "";
        }
        StringBuilder ids = new StringBuilder("\n<p class=\"ref\">Microsoft Entra ID's reference:");
        if (correlationId != null) {
            ids.append(" correlation id <code id=\"entra-correlation-id\">").append(escape(correlationId)).append("</code>");
        }
        if (traceId != null) {
            ids.append(correlationId == null ? "" : ",").append(" trace id <code id=\"entra-trace-id\">")
                    .append(escape(traceId)).append("</code>");
        }
        return ids.append("</p>").toString();
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
