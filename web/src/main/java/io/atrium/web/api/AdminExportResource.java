package io.atrium.web.api;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.atrium.audit.AuditExport;

/**
 * {@code /api/v1/admin/export/*.csv}: users and login events as CSV, streamed from a database cursor to the client
 * as they are read, so a million rows need no more memory than ten.
 */
@Path("/v1/admin/export")
@RequestScoped
@RolesAllowed("admin")
public class AdminExportResource {

    @Inject
    AuditExport export;

    @GET
    @Path("/users.csv")
    @Produces("text/csv")
    @RolesAllowed("admin")
    public Response users() {
        return csv("atrium-users.csv", out -> export.usersCsv(out));
    }

    @GET
    @Path("/login-events.csv")
    @Produces("text/csv")
    @RolesAllowed("admin")
    public Response loginEvents(@QueryParam("from") String from, @QueryParam("before") String before) {
        Instant fromInstant = Instants.parse("from", from);
        Instant beforeInstant = Instants.parse("before", before);
        return csv("atrium-login-events.csv", out -> export.loginEventsCsv(out, fromInstant, beforeInstant));
    }

    private static Response csv(String fileName, CsvWriter writer) {
        StreamingOutput body = output -> {
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            writer.write(out);
            out.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @FunctionalInterface
    private interface CsvWriter {
        void write(java.io.Writer out) throws java.io.IOException;
    }
}
