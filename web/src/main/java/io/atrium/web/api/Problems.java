package io.atrium.web.api;

import jakarta.ws.rs.core.Response;

import io.atrium.errors.Problem;

import static io.atrium.web.JsonProviders.JSON;

/** RFC 9457 problem bodies ({@code application/problem+json}), with a detail a developer understands. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static Response.ResponseBuilder of(Response.Status status, String detail) {
        return of(status.getStatusCode(), status.getReasonPhrase(), detail);
    }

    static Response.ResponseBuilder of(Problem problem, String detail) {
        return of(problem.status(), problem.title(), detail);
    }

    private static Response.ResponseBuilder of(int status, String title, String detail) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(JSON.createObjectBuilder()
                        .add("type", "about:blank")
                        .add("title", title)
                        .add("status", status)
                        .add("detail", detail)
                        .build()
                        .toString());
    }
}
