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

import static io.atrium.audit.internal.AuditDatabase.inject;

/** The module's beans wired to one transaction's EntityManager, as CDI and JTA wire them in Payara. */
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
        return inject(inject(new AdminActionChain(), "entityManager", entityManager), "seal", actionSeal);
    }

    public SignInRecorder signInRecorder(EntityManager entityManager) {
        SignInRecorder recorder = inject(new SignInRecorder(), "entityManager", entityManager);
        inject(recorder, "bootstrapAdmins", new BootstrapAdmins(Optional.ofNullable(bootstrapAdmins)));
        inject(recorder, "chain", chain(entityManager));
        return inject(recorder, "standingChanged", standingChanges);
    }

    public SignInFailureRecorder failureRecorder(EntityManager entityManager) {
        return inject(new SignInFailureRecorder(), "entityManager", entityManager);
    }

    public JpaUserAdministration administration(EntityManager entityManager) {
        JpaUserAdministration administration = inject(new JpaUserAdministration(), "entityManager", entityManager);
        inject(administration, "chain", chain(entityManager));
        return inject(administration, "standingChanged", standingChanges);
    }

    public JpaUserDirectory directory(EntityManager entityManager) {
        return inject(new JpaUserDirectory(), "entityManager", entityManager);
    }

    public JpaLocalAccess localAccess(EntityManager entityManager) {
        return inject(new JpaLocalAccess(), "entityManager", entityManager);
    }

    public JpaAdminActionLog actionLog(EntityManager entityManager) {
        JpaAdminActionLog log = inject(new JpaAdminActionLog(), "entityManager", entityManager);
        inject(log, "chain", chain(entityManager));
        return inject(log, "seal", actionSeal);
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
        LoginEventRetention retention = inject(new LoginEventRetention(), "entityManager", entityManager);
        return inject(retention, "chain", chain(entityManager));
    }
}
