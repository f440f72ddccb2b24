package io.atrium.web.ui.admin;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.AiUsage;
import io.atrium.ai.DailyUsage;
import io.atrium.ai.QuotaRules;
import io.atrium.ai.UserQuota;
import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.UserAdministration;
import io.atrium.audit.UserDetails;
import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserView;

/**
 * {@code admin/user.xhtml?id=...}: one user, their roles with sources and recent sign-ins, and the forms that grant
 * or revoke a local role, disable or enable them, and give them an allowance of their own for a while. The forms are Faces posts: with server-side state each carries a
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
    transient AdminForms forms;

    @Inject
    transient QuotaRules rules;

    @Inject
    transient QuotaAdministration quotas;

    @Inject
    transient AiUsage aiUsage;

    static final int AI_USAGE_DAYS = 30;

    private String id;
    private UserDetails details;
    private List<DailyUsage> aiUsageDays;
    private String role;
    private String reason;
    private String expiresOn;
    private transient Optional<UserQuota> override;
    private String overrideTokens;
    private String overrideUntil;

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
        act(() -> administration.grantRole(forms.actor(), details.user().id(), role, reason,
                AdminForms.endOfDay(expiresOn)), "Role " + role + " granted.");
    }

    public void revoke(String revokedRole) {
        act(() -> administration.revokeRole(forms.actor(), details.user().id(), revokedRole, reason),
                "Role " + revokedRole + " revoked.");
    }

    public void disable() {
        act(() -> administration.disable(forms.actor(), details.user().id(), reason), "User disabled.");
    }

    public void enable() {
        act(() -> administration.enable(forms.actor(), details.user().id(), reason), "User enabled.");
    }

    public void setOverride() {
        act(() -> quotas.setUserOverride(forms.actor(), details.user(), AdminForms.tokens(overrideTokens),
                AdminForms.endOfDay(overrideUntil), reason), "Allowance override set.");
    }

    public void removeOverride() {
        UserView user = details.user();
        act(() -> quotas.removeUserOverride(forms.actor(), user.id(), user.tenantId(), user.objectId(),
                user.username(), reason), "Allowance override removed.");
    }

    private void act(Runnable change, String done) {
        forms.act(change, done, () -> {
            role = null;
            reason = null;
            expiresOn = null;
            overrideTokens = null;
            overrideUntil = null;
        });
        details = users.details(details.user().id(), 20);
        override = null;
    }

    /** The user's own allowance in force, in place of their roles' quota; none when they have none. Read once. */
    public UserQuota getOverride() {
        if (override == null) {
            UserView user = details.user();
            override = rules.userOverrides(Instant.now()).stream().filter(quota -> quota.tenantId()
                    .equals(user.tenantId()) && quota.objectId().equals(user.objectId())).findFirst();
        }
        return override.orElse(null);
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

    public String getOverrideTokens() {
        return overrideTokens;
    }

    public void setOverrideTokens(String overrideTokens) {
        this.overrideTokens = overrideTokens;
    }

    public String getOverrideUntil() {
        return overrideUntil;
    }

    public void setOverrideUntil(String overrideUntil) {
        this.overrideUntil = overrideUntil;
    }
}
