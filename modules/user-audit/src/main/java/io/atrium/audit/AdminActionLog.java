package io.atrium.audit;

import java.util.List;

/** Reads the append-only admin-action log and verifies its hash chain. */
public interface AdminActionLog {

    List<AdminActionView> search(AdminActionQuery query);

    /** Walks the whole chain in order (streamed, constant memory) and reports the first broken link. */
    ChainVerification verify();
}
