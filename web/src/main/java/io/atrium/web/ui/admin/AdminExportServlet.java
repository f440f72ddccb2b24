package io.atrium.web.ui.admin;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.ai.AiUsage;
import io.atrium.audit.Actor;
import io.atrium.audit.AuditExport;

/**
 * The admin pages' CSV download links ({@code /admin/export/users.csv}, {@code login-events.csv},
 * {@code admin-actions.csv}, and the ai module's {@code usage.csv}: per day, caller, deployment and outcome, 30 days
 * unless {@code from}/{@code to} say otherwise), for the browser session; the audit module's exports are also under
 * {@code /api/v1/admin/export} for programs. Admin only (the {@code /admin/*} constraint in web.xml); streamed, so a
 * million rows need no more memory than ten; each written into the admin-action log first, naming the administrator.
 */
@WebServlet("/admin/export/*")
public class AdminExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> FILES = Set.of("/users.csv", "/login-events.csv", "/admin-actions.csv",
            "/usage.csv");
    private static final List<String> USAGE_COLUMNS = List.of("day", "tenant_id", "object_id", "deployment", "outcome",
            "calls", "prompt_tokens", "completion_tokens");

    @Inject
    transient AuditExport export;

    @Inject
    transient AiUsage usage;

    @Inject
    transient AdminForms forms;

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
        LocalDate usageFrom = from == null ? LocalDate.now(ZoneOffset.UTC).minusDays(29)
                : LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate usageTo = before == null ? LocalDate.now(ZoneOffset.UTC)
                : LocalDate.ofInstant(before, ZoneOffset.UTC).minusDays(1);
        if ("/usage.csv".equals(file) && (usageFrom.isAfter(usageTo)
                || ChronoUnit.DAYS.between(usageFrom, usageTo) >= AiUsage.MAX_DAYS)) {
            response.sendError(400, "The usage export covers 1 to " + AiUsage.MAX_DAYS
                    + " days: from on or before to.");
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"atrium" + file.replace('/', '-') + "\"");
        response.setHeader("Cache-Control", "no-store");
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(),
                StandardCharsets.UTF_8), 64 * 1024);
        Actor exporter = forms.actor();
        switch (file) {
            case "/users.csv" -> export.usersCsv(exporter, out);
            case "/login-events.csv" -> export.loginEventsCsv(exporter, out, from, before);
            case "/usage.csv" -> export.csv(exporter, "usage.csv", usageFrom.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    usageTo.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), out, USAGE_COLUMNS,
                    row -> usage.rows(usageFrom, usageTo, line -> row.accept(List.of(line.day().toString(),
                            line.tenantId(), line.objectId(), line.deployment(), line.outcome(),
                            Long.toString(line.calls()), Long.toString(line.promptTokens()),
                            Long.toString(line.completionTokens())))));
            default -> export.adminActionsCsv(exporter, out, from, before);
        }
        out.flush();
    }

    private static Instant day(String date, int days) {
        return date == null || date.isBlank() ? null
                : LocalDate.parse(date.strip()).plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
