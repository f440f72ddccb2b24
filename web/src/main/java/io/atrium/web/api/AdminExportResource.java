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

import io.atrium.audit.Actor;
import io.atrium.audit.AuditExport;

/**
 * {@code /api/v1/admin/export/*.csv}: users, login events and the admin-action log as CSV, streamed from a database
 * cursor to the client as they are read, so a million rows need no more memory than ten. Each export is written into
 * the admin-action log first, naming the caller.
 */
@Path("/v1/admin/export")
@RequestScoped
@RolesAllowed("admin")
public class AdminExportResource {

    @Inject
    AuditExport export;

    @Inject
    AdminCaller caller;

    @GET
    @Path("/users.csv")
    @Produces("text/csv")
    @RolesAllowed("admin")
    public Response users() {
        Actor exporter = caller.actor();
        return csv("atrium-users.csv", out -> export.usersCsv(exporter, out));
    }

    @GET
    @Path("/login-events.csv")
    @Produces("text/csv")
    @RolesAllowed("admin")
    public Response loginEvents(@QueryParam("from") String from, @QueryParam("before") String before) {
        Instant fromInstant = Instants.parse("from", from);
        Instant beforeInstant = Instants.parse("before", before);
        Actor exporter = caller.actor();
        return csv("atrium-login-events.csv", out -> export.loginEventsCsv(exporter, out, fromInstant,
                beforeInstant));
    }

    @GET
    @Path("/admin-actions.csv")
    @Produces("text/csv")
    @RolesAllowed("admin")
    public Response adminActions(@QueryParam("from") String from, @QueryParam("before") String before) {
        Instant fromInstant = Instants.parse("from", from);
        Instant beforeInstant = Instants.parse("before", before);
        Actor exporter = caller.actor();
        return csv("atrium-admin-actions.csv", out -> export.adminActionsCsv(exporter, out, fromInstant,
                beforeInstant));
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
