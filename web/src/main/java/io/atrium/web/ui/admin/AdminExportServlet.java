package io.atrium.web.ui.admin;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.audit.Actor;
import io.atrium.audit.AuditExport;
import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;

/**
 * The admin pages' CSV download links ({@code /admin/export/users.csv}, {@code login-events.csv},
 * {@code admin-actions.csv}), for the browser session; the same exports are under {@code /api/v1/admin/export} for
 * programs. Admin only (the {@code /admin/*} constraint in web.xml); streamed, so a million rows need no more memory
 * than ten; each written into the admin-action log first, naming the administrator.
 */
@WebServlet("/admin/export/*")
public class AdminExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> FILES = Set.of("/users.csv", "/login-events.csv", "/admin-actions.csv");

    @Inject
    transient AuditExport export;

    @Inject
    transient CurrentEmployee currentEmployee;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String file = request.getPathInfo() == null ? "" : request.getPathInfo();
        Instant from;
        Instant before;
        try {
            from = day(request.getParameter("from"), 0);
            before = day(request.getParameter("to"), 1);
        } catch (DateTimeParseException e) {
            response.sendError(400, "Dates are written as 2026-05-31.");
            return;
        }
        if (!FILES.contains(file)) {
            response.sendError(404);
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"atrium" + file.replace('/', '-') + "\"");
        response.setHeader("Cache-Control", "no-store");
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(),
                StandardCharsets.UTF_8), 64 * 1024);
        EmployeePrincipal admin = currentEmployee.get();
        Actor exporter = Actor.employee(admin.tenantId(), admin.objectId(), admin.username());
        switch (file) {
            case "/users.csv" -> export.usersCsv(exporter, out);
            case "/login-events.csv" -> export.loginEventsCsv(exporter, out, from, before);
            default -> export.adminActionsCsv(exporter, out, from, before);
        }
        out.flush();
    }

    private static Instant day(String date, int days) {
        return date == null || date.isBlank() ? null
                : LocalDate.parse(date.strip()).plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
