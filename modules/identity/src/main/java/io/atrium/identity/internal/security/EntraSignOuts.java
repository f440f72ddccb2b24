package io.atrium.identity.internal.security;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.atrium.identity.events.EntraSignedOut;

/**
 * Ends this server's sessions of an Entra sign-out, whether the logout arrived here or at another instance (relayed
 * through the data grid).
 */
@ApplicationScoped
public class EntraSignOuts {

    private static final Logger LOG = Logger.getLogger(EntraSignOuts.class.getName());

    private final SessionRegistry sessions;

    @Inject
    public EntraSignOuts(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /** For CDI's proxy. */
    protected EntraSignOuts() {
        this(null);
    }

    void end(@Observes EntraSignedOut signOut) {
        int ended = sessions.endSignedOut(signOut.issuer(), signOut.entraSessionId(), signOut.subject());
        LOG.info(() -> "signed out at Entra: " + ended + " session(s) ended here");
    }
}
