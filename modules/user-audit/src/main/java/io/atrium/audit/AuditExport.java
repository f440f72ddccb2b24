package io.atrium.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * CSV exports streamed from a database cursor: memory stays constant however many rows there are. Cells that a
 * spreadsheet would run as a formula are defused. Each export is itself an admin action: it is written into the
 * admin-action log (who, which file, which period) before its first row, and does not happen when that fails.
 */
public interface AuditExport {

    void usersCsv(Actor exporter, Writer out) throws IOException;

    /** Login events in time order; {@code from} and {@code before} may be null. */
    void loginEventsCsv(Actor exporter, Writer out, Instant from, Instant before) throws IOException;

    /** The admin-action log in its order, with each entry's hash; {@code from} and {@code before} may be null. */
    void adminActionsCsv(Actor exporter, Writer out, Instant from, Instant before) throws IOException;

    /**
     * Another module's rows as a CSV file named {@code file}, recorded and defused as these exports are: the rows
     * come from {@code rows}, which hands each one (its cells in the header's order) to the consumer it is given.
     */
    void csv(Actor exporter, String file, Instant from, Instant before, Writer out, List<String> header,
             RowSource rows) throws IOException;

    /** Writes the rows of an export, one call of {@code row} each; the rows may be read from a cursor meanwhile. */
    @FunctionalInterface
    interface RowSource {
        void writeTo(Consumer<List<String>> row) throws IOException;
    }
}
