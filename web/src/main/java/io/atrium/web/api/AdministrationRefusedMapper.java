package io.atrium.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.atrium.audit.AdministrationRefused;

import static io.atrium.web.JsonProviders.JSON;

/** An admin request that cannot be done: 400, 404 or 409 with the reason in words (RFC 9457). */
@Provider
public class AdministrationRefusedMapper implements ExceptionMapper<AdministrationRefused> {

    @Override
    public Response toResponse(AdministrationRefused refused) {
        return Response.status(refused.kind().status())
                .type("application/problem+json")
                .entity(JSON.createObjectBuilder()
                        .add("type", "about:blank")
                        .add("title", switch (refused.kind()) {
                            case NOT_FOUND -> "Not found";
                            case INVALID -> "Bad request";
                            case CONFLICT -> "Conflict";
                        })
                        .add("status", refused.kind().status())
                        .add("detail", refused.getMessage())
                        .build()
                        .toString())
                .build();
    }
}
