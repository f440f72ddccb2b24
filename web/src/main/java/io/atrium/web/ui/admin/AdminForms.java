package io.atrium.web.ui.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;

import io.atrium.audit.Actor;
import io.atrium.audit.AdministrationRefused;
import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.web.ui.errors.ProblemMessages;

/** What the admin pages' forms share: who acts, the fields read from text, and the outcome shown as a message. */
@ApplicationScoped
public class AdminForms {

    @Inject
    CurrentEmployee currentEmployee;

    /** The signed-in administrator, as the admin-action log names them. */
    Actor actor() {
        EmployeePrincipal admin = currentEmployee.get();
        return Actor.employee(admin.tenantId(), admin.objectId(), admin.username());
    }

    /**
     * Runs {@code change}; says {@code done} and runs {@code afterwards} (clearing the form) when it worked, or the
     * refusal's words when it did not, leaving the form as typed.
     */
    void act(Runnable change, String done, Runnable afterwards) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            change.run();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
            afterwards.run();
        } catch (AdministrationRefused refused) {
            ProblemMessages.show(refused);
        }
    }

    /** A date typed as 2026-05-31: the end of that UTC day; none when left empty. */
    static Instant endOfDay(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "Write the date as 2026-05-31.");
        }
    }

    static long tokens(String typed) {
        try {
            return Long.parseLong(typed == null ? "" : typed.strip().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "Write the quota as a whole number "
                    + "of tokens, such as 50000.");
        }
    }
}
