package io.atrium.web.api;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.atrium.errors.AtriumException;

/**
 * Every failure a module reports, as an RFC 9457 problem ({@code application/problem+json}): the status of its
 * {@link io.atrium.errors.Problem}, its public detail, and the headers the caller needs ({@code Retry-After},
 * {@code WWW-Authenticate}). The operator's detail goes to the log, one line, never to the caller.
 */
@Provider
public class AtriumExceptionMapper implements ExceptionMapper<AtriumException> {

    private static final Logger LOG = Logger.getLogger(AtriumExceptionMapper.class.getName());

    @Override
    public Response toResponse(AtriumException failure) {
        int status = failure.problem().status();
        LOG.log(status >= 500 ? Level.WARNING : Level.INFO, "API request refused with {0} {1}: {2}",
                new Object[] {String.valueOf(status), failure.problem(), failure.getMessage()});
        Response.ResponseBuilder response = Problems.of(failure.problem(), failure.publicDetail());
        failure.headers().forEach(response::header);
        return response.build();
    }
}
