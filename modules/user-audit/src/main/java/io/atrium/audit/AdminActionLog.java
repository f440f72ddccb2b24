package io.atrium.audit;

import java.util.List;
import java.util.UUID;

/** Reads the append-only admin-action log and verifies its hash chain; other modules' changes are written into it. */
public interface AdminActionLog {

    /**
     * Writes another module's administrative change (a quota set) into the log, in the caller's transaction, so the
     * change and its entry commit together. {@code targetUserId} may be null when no one user is changed.
     *
     * @throws AdministrationRefused (INVALID) without a reason
     */
    void record(Actor actor, String action, UUID targetUserId, String target, String before, String after,
                String reason);

    List<AdminActionView> search(AdminActionQuery query);

    /** Walks the whole chain in order (streamed, constant memory) and reports the first broken link. */
    ChainVerification verify();
}
