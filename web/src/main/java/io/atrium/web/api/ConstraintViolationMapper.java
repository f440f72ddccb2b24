package io.atrium.web.api;

import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * An API input that breaks its Bean Validation constraints: 400 with every constraint's message, in words, as an
 * RFC 9457 problem (instead of Jersey's plain-text default).
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException invalid) {
        String detail = invalid.getConstraintViolations().stream()
                .map(ConstraintViolation::getMessage)
                .sorted()
                .collect(Collectors.joining("; "));
        return Problems.of(Response.Status.BAD_REQUEST, detail.isEmpty() ? "The request is not valid." : detail)
                .build();
    }
}
