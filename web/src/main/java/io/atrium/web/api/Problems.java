package io.atrium.web.api;

import jakarta.ws.rs.core.Response;

import static io.atrium.web.JsonProviders.JSON;

/** RFC 9457 problem bodies ({@code application/problem+json}), with a detail a developer understands. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static Response.ResponseBuilder of(Response.Status status, String detail) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(JSON.createObjectBuilder()
                        .add("type", "about:blank")
                        .add("title", status.getReasonPhrase())
                        .add("status", status.getStatusCode())
                        .add("detail", detail)
                        .build()
                        .toString());
    }
}
