package io.atrium.web.ui.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.AiUsage;
import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserView;
import io.atrium.identity.CurrentEmployee;

/**
 * {@code audit/findings.xhtml?days=30}: the calls in which Azure's content filter found something, newest first:
 * who, when, which deployment, what was found and how severe, never the words. For the auditor role only (web.xml
 * constrains {@code /audit/*}; checked here again, since who had their words filtered is not every admin's to see).
 */
@Named
@RequestScoped
public class FindingsBacking {

    static final int LISTED = 500;
    static final String ROLE = "auditor";

    @Inject
    AiUsage usage;

    @Inject
    UserDirectory users;

    @Inject
    CurrentEmployee currentEmployee;

    private final Clock clock = Clock.systemUTC();
    private int days = 30;
    private List<Row> rows;

    /** One finding; {@code who} is the employee's name, or the Entra object id of an application. */
    public record Row(Instant at, String who, String deployment, String outcome, String found) {
    }

    public List<Row> getRows() {
        if (!currentEmployee.get().hasRole(ROLE)) {
            throw new SecurityException("content-filter findings are for the auditor role");
        }
        if (rows == null) {
            LocalDate to = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            rows = usage.filterFindings(to.minusDays(days - 1L), to, LISTED).stream()
                    .map(finding -> new Row(finding.occurredAt(),
                            users.findByEntraIdentity(finding.tenantId(), finding.objectId())
                                    .map(UserView::displayName).orElse(finding.objectId()),
                            finding.deployment(), finding.outcome().replace('_', ' '),
                            FindingWords.of(finding.findings())))
                    .toList();
        }
        return rows;
    }

    public int getDays() {
        return days;
    }

    /** From {@code ?days=}: anything outside 1-366 falls back to 30 rather than failing the page. */
    public void setDays(int days) {
        this.days = days >= 1 && days <= AiUsage.MAX_DAYS ? days : 30;
    }
}
