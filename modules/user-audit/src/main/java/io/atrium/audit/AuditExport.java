package io.atrium.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/**
 * CSV exports streamed from a database cursor: memory stays constant however many rows there are. Cells that a
 * spreadsheet would run as a formula are defused.
 */
public interface AuditExport {

    void usersCsv(Writer out) throws IOException;

    /** Login events in time order; {@code from} and {@code before} may be null. */
    void loginEventsCsv(Writer out, Instant from, Instant before) throws IOException;
}
