package io.atrium.web.ui.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.atrium.ai.QuotaRules;
import io.atrium.ai.RoleQuota;
import io.atrium.ai.UserQuota;
import io.atrium.audit.Actor;
import io.atrium.audit.AdminActionLog;
import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.UserView;

/**
 * Quota changes from the admin pages: each change and its admin-action log entry in one transaction, so that neither
 * stands without the other (an entry the log refuses, for want of a reason, rolls the change back).
 */
@ApplicationScoped
public class QuotaAdministration {

    /** Beyond this, an override is a role's job: a year keeps forgotten exceptions from living for ever. */
    static final long MAX_OVERRIDE_DAYS = 366;

    @Inject
    QuotaRules rules;

    @Inject
    AdminActionLog log;

    @Transactional
    public void setRoleQuota(Actor admin, String role, long dailyTokens, String reason) {
        String checkedRole = role == null ? "" : role.strip();
        if (checkedRole.isEmpty() || !checkedRole.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "Name the app role (letters, digits, "
                    + "dots, dashes), as Entra sends it.");
        }
        requireTokens(dailyTokens);
        RoleQuota before = rules.setRoleQuota(checkedRole, dailyTokens, admin.described(), Instant.now());
        log.record(admin, "set-role-quota", null, "role " + checkedRole, before.described(),
                checkedRole + ": " + dailyTokens + " tokens a day", reason);
    }

    @Transactional
    public void resetRoleQuota(Actor admin, String role, String reason) {
        RoleQuota before = rules.resetRoleQuota(role);
        RoleQuota after = rules.roleQuotas().stream().filter(quota -> quota.role().equals(role)).findFirst()
                .orElse(null);
        log.record(admin, "reset-role-quota", null, "role " + role, before.described(),
                after == null ? role + ": no quota" : after.described(), reason);
    }

    @Transactional
    public void setUserOverride(Actor admin, UserView user, long dailyTokens, Instant expiresAt, String reason) {
        requireTokens(dailyTokens);
        Instant now = Instant.now();
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "Give the override an end date after "
                    + "today.");
        }
        if (expiresAt.isAfter(now.plus(Duration.ofDays(MAX_OVERRIDE_DAYS)))) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "An override lasts at most a year; "
                    + "for longer, set the quota of a role.");
        }
        Optional<UserQuota> before = rules.setUserOverride(new UserQuota(user.tenantId(), user.objectId(),
                dailyTokens, expiresAt, admin.described(), now));
        log.record(admin, "set-user-quota", user.id(), user.username(),
                before.map(UserQuota::described).orElse("the roles' quota"),
                dailyTokens + " tokens a day until " + expiresAt, reason);
    }

    @Transactional
    public void removeUserOverride(Actor admin, UUID userId, String tenantId, String objectId, String username,
                                   String reason) {
        Optional<UserQuota> before = rules.removeUserOverride(tenantId, objectId);
        if (before.isEmpty()) {
            throw new AdministrationRefused(AdministrationRefused.Kind.NOT_FOUND, "This user has no override.");
        }
        log.record(admin, "remove-user-quota", userId, username, before.get().described(), "the roles' quota",
                reason);
    }

    private static void requireTokens(long dailyTokens) {
        if (dailyTokens < 0 || dailyTokens > 1_000_000_000L) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "A daily quota is a number of tokens "
                    + "from 0 to 1000000000.");
        }
    }
}
