package io.atrium.web.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * {@code ?offset=&limit=} of a listing. Fields of a bean parameter rather than constrained method parameters: Payara
 * 6.2025.10's OpenAPI generator fails on Bean Validation constraints on method parameters (NullPointerException in
 * ApplicationProcessor.addSchemaParameter, which breaks the whole /openapi document).
 */
public class PageRequest {

    @QueryParam("offset")
    @DefaultValue("0")
    @Min(value = 0, message = "offset must not be negative")
    int offset;

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(value = 1, message = "limit must be between 1 and 200")
    @Max(value = 200, message = "limit must be between 1 and 200")
    int limit;
}
