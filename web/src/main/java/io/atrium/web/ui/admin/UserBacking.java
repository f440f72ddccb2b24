package io.atrium.web.ui.admin;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.AiUsage;
import io.atrium.ai.DailyUsage;
import io.atrium.audit.Actor;
import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.UserAdministration;
import io.atrium.audit.UserDetails;
import io.atrium.audit.UserDirectory;
import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;

/**
 * {@code admin/user.xhtml?id=...}: one user, their roles with sources and recent sign-ins, and the forms that grant
 * or revoke a local role and disable or enable them. The forms are Faces posts: with server-side state each carries a
 * random view-state id, which a forged cross-site post cannot know.
 */
@Named
@ViewScoped
public class UserBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient UserDirectory users;

    @Inject
    transient UserAdministration administration;

    @Inject
    transient CurrentEmployee currentEmployee;

    @Inject
    transient AiUsage aiUsage;

    static final int AI_USAGE_DAYS = 30;

    private String id;
    private UserDetails details;
    private List<DailyUsage> aiUsageDays;
    private String role;
    private String reason;
    private String expiresOn;

    /** Called by the page's view action: an unknown or malformed id gets a 404. */
    public void load() {
        try {
            details = users.details(UUID.fromString(id == null ? "" : id), 20);
        } catch (IllegalArgumentException | AdministrationRefused notFound) {
            try {
                FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such user");
                FacesContext.getCurrentInstance().responseComplete();
            } catch (java.io.IOException e) {
                FacesContext.getCurrentInstance().responseComplete();
            }
        }
    }

    public void grant() {
        act(() -> administration.grantRole(actor(), details.user().id(), role, reason, expiry()),
                "Role " + role + " granted.");
    }

    public void revoke(String revokedRole) {
        act(() -> administration.revokeRole(actor(), details.user().id(), revokedRole, reason),
                "Role " + revokedRole + " revoked.");
    }

    public void disable() {
        act(() -> administration.disable(actor(), details.user().id(), reason), "User disabled.");
    }

    public void enable() {
        act(() -> administration.enable(actor(), details.user().id(), reason), "User enabled.");
    }

    private void act(Runnable change, String done) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            change.run();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
            role = null;
            reason = null;
            expiresOn = null;
        } catch (AdministrationRefused refused) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
        }
        details = users.details(details.user().id(), 20);
    }

    private Instant expiry() {
        if (expiresOn == null || expiresOn.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(expiresOn.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "Write the expiry as 2026-05-31.");
        }
    }

    private Actor actor() {
        EmployeePrincipal admin = currentEmployee.get();
        return Actor.employee(admin.tenantId(), admin.objectId(), admin.username());
    }

    /** The user's days with calls to the assistant in the last 30 UTC days, newest first (the ai module's ledger). */
    public List<DailyUsage> getAiUsage() {
        if (aiUsageDays == null) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<DailyUsage> days = new ArrayList<>(aiUsage.perDayOf(details.user().tenantId(),
                    details.user().objectId(), today.minusDays(AI_USAGE_DAYS - 1L), today));
            Collections.reverse(days);
            aiUsageDays = days;
        }
        return aiUsageDays;
    }

    public UserDetails getDetails() {
        return details;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getExpiresOn() {
        return expiresOn;
    }

    public void setExpiresOn(String expiresOn) {
        this.expiresOn = expiresOn;
    }
}
