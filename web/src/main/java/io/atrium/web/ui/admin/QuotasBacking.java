package io.atrium.web.ui.admin;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.QuotaRules;
import io.atrium.ai.RoleQuota;
import io.atrium.ai.UserQuota;

/**
 * {@code admin/quotas.xhtml}: each role's daily tokens (the environment's default, or an administrator's setting),
 * the form that sets or resets one, and the employees' overrides in force.
 */
@Named
@ViewScoped
public class QuotasBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient QuotaRules rules;

    @Inject
    transient QuotaAdministration administration;

    @Inject
    transient AdminForms forms;

    private List<RoleQuota> roles;
    private List<UserQuota> overrides;
    private String role;
    private String dailyTokens;
    private String reason;

    /** Read once per view and again after a change: the page asks for them several times while it renders. */
    public List<RoleQuota> getRoles() {
        if (roles == null) {
            roles = rules.roleQuotas();
        }
        return roles;
    }

    public List<UserQuota> getOverrides() {
        if (overrides == null) {
            overrides = rules.userOverrides(Instant.now());
        }
        return overrides;
    }

    public void set() {
        forms.act(() -> administration.setRoleQuota(forms.actor(), role, AdminForms.tokens(dailyTokens), reason),
                "Quota of role " + role + " set.", this::clear);
    }

    public void reset(String resetRole) {
        forms.act(() -> administration.resetRoleQuota(forms.actor(), resetRole, reason),
                "Quota of role " + resetRole + " back to its default.", this::clear);
    }

    private void clear() {
        roles = null;
        overrides = null;
        role = null;
        dailyTokens = null;
        reason = null;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getDailyTokens() {
        return dailyTokens;
    }

    public void setDailyTokens(String dailyTokens) {
        this.dailyTokens = dailyTokens;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
