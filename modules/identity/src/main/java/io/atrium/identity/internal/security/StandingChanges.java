package io.atrium.identity.internal.security;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.atrium.identity.events.EmployeeStandingChanged;
import io.atrium.identity.internal.bearer.BearerAuthentication;
import io.atrium.identity.internal.oidc.LocalStanding;

/**
 * Applies an administrator's change to an employee once it is committed: the cached standing and the answers given
 * for their API tokens are forgotten, so the employee's next request or API call carries the new roles, and a
 * disabled employee's sessions on this server end now.
 */
@ApplicationScoped
public class StandingChanges {

    private static final Logger LOG = Logger.getLogger(StandingChanges.class.getName());

    @Inject
    LocalStanding localStanding;

    @Inject
    SessionRegistry sessions;

    @Inject
    BearerAuthentication bearerAuthentication;

    void apply(@Observes(during = TransactionPhase.AFTER_SUCCESS) EmployeeStandingChanged change) {
        localStanding.forget(change.tenantId(), change.objectId());
        bearerAuthentication.forget(change.tenantId(), change.objectId());
        if (change.disabled()) {
            int ended = sessions.endAllOf(change.tenantId(), change.objectId());
            LOG.info(() -> "employee disabled in Atrium: oid=" + change.objectId() + ", " + ended + " session(s) ended");
        }
    }
}
