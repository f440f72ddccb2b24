package io.atrium.audit.internal;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import io.atrium.audit.Actor;
import io.atrium.audit.internal.admin.JpaUserAdministration;
import io.atrium.audit.internal.chain.ActionSeal;
import io.atrium.audit.internal.chain.AdminActionChain;
import io.atrium.audit.internal.chain.JpaAdminActionLog;
import io.atrium.audit.internal.export.ExportRecorder;
import io.atrium.audit.internal.persistence.JpaLocalAccess;
import io.atrium.audit.internal.persistence.JpaUserDirectory;
import io.atrium.audit.internal.retention.LoginEventRetention;
import io.atrium.audit.internal.signin.BootstrapAdmins;
import io.atrium.audit.internal.signin.SignInFailureRecorder;
import io.atrium.audit.internal.signin.SignInRecorder;
import io.atrium.identity.events.EmployeeStandingChanged;

/** The module's beans wired through their constructors to one transaction's EntityManager, as CDI and JTA wire them. */
public final class Beans {

    public final FiredEvents<EmployeeStandingChanged> standingChanges = new FiredEvents<>();
    private final String bootstrapAdmins;
    private final ActionSeal actionSeal;

    public Beans(String bootstrapAdmins) {
        this(bootstrapAdmins, new ActionSeal(Optional.empty(), 0));
    }

    /** With the admin-action chain keyed by {@code actionSeal}. */
    public Beans(String bootstrapAdmins, ActionSeal actionSeal) {
        this.bootstrapAdmins = bootstrapAdmins;
        this.actionSeal = actionSeal;
    }

    public AdminActionChain chain(EntityManager entityManager) {
        return new AdminActionChain(entityManager, actionSeal);
    }

    public SignInRecorder signInRecorder(EntityManager entityManager) {
        return new SignInRecorder(entityManager, new BootstrapAdmins(Optional.ofNullable(bootstrapAdmins)),
                chain(entityManager), standingChanges);
    }

    public SignInFailureRecorder failureRecorder(EntityManager entityManager) {
        return new SignInFailureRecorder(entityManager);
    }

    public JpaUserAdministration administration(EntityManager entityManager) {
        return new JpaUserAdministration(entityManager, chain(entityManager), standingChanges);
    }

    public JpaUserDirectory directory(EntityManager entityManager) {
        return new JpaUserDirectory(entityManager);
    }

    public JpaLocalAccess localAccess(EntityManager entityManager) {
        return new JpaLocalAccess(entityManager);
    }

    public JpaAdminActionLog actionLog(EntityManager entityManager) {
        return new JpaAdminActionLog(entityManager, actionSeal, chain(entityManager));
    }

    /** Records each export in a transaction of its own on {@code db}, as {@code REQUIRES_NEW} does in Payara. */
    public ExportRecorder exportRecorder(AuditDatabase db) {
        return new ExportRecorder(null) {
            @Override
            public void record(Actor exporter, String file, Instant from, Instant before) {
                db.run(em -> new ExportRecorder(chain(em)).record(exporter, file, from, before));
            }
        };
    }

    public LoginEventRetention retention(EntityManager entityManager) {
        return new LoginEventRetention(entityManager, chain(entityManager));
    }
}
