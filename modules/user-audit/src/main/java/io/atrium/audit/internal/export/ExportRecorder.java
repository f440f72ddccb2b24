package io.atrium.audit.internal.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.internal.chain.AdminActionChain;

/**
 * Writes a bulk export into the admin-action log before a row of it leaves: who exported which file, for which
 * period, when. In a transaction of its own, committed before the export streams, so that an export the log cannot
 * take does not happen and a client that stops reading halfway is still on record.
 */
@ApplicationScoped
public class ExportRecorder {

    private final AdminActionChain chain;

    @Inject
    public ExportRecorder(AdminActionChain chain) {
        this.chain = chain;
    }

    /** For CDI's proxy. */
    protected ExportRecorder() {
        this(null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Actor exporter, String file, Instant from, Instant before) {
        chain.append(exporter, "export-csv", null, file, null, period(from, before), null);
    }

    private static String period(Instant from, Instant before) {
        if (from == null && before == null) {
            return "all rows";
        }
        List<String> bounds = new ArrayList<>();
        if (from != null) {
            bounds.add("from " + from);
        }
        if (before != null) {
            bounds.add("before " + before);
        }
        return "rows " + String.join(" ", bounds);
    }
}
