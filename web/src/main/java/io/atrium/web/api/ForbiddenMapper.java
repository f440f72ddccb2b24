package io.atrium.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.atrium.web.metrics.AtriumMetrics;

/**
 * A valid token without the role a method needs: 403 with RFC 6750's {@code insufficient_scope} challenge and an
 * RFC 9457 problem body, like the refusals the authentication mechanism writes itself.
 */
@Provider
public class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {

    @Inject
    AtriumMetrics metrics;

    @Override
    public Response toResponse(ForbiddenException exception) {
        metrics.apiRefused(Response.Status.FORBIDDEN.getStatusCode());
        return Problems.of(Response.Status.FORBIDDEN,
                        "Your token is valid, but you lack the Atrium role this operation needs.")
                .header("WWW-Authenticate", "Bearer realm=\"atrium\", error=\"insufficient_scope\", "
                        + "error_description=\"the caller lacks the role this operation needs\"")
                .build();
    }
}
