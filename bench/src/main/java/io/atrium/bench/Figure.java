package io.atrium.bench;

import java.util.Locale;

/**
 * One line of the report: what was measured in Atrium, the same measured in its baseline within the same run, how
 * the two compare (a ratio or a difference), and the target that comparison is held to.
 *
 * @param item       the benchmark, as {@code bench.only} names it
 * @param what       what was measured, with its unit
 * @param measured   Atrium's absolute figure
 * @param baseline   the baseline's absolute figure and what the baseline is; empty for a baseline's own line
 * @param comparison the ratio or difference against the baseline; empty when there is nothing to compare
 * @param target     what the comparison should be; empty when there is none
 * @param verdict    whether the target was met
 */
record Figure(String item, String what, String measured, String baseline, String comparison, String target,
              Verdict verdict) {

    enum Verdict {
        MET("met"), MISSED("MISSED"), NONE("");

        final String text;

        Verdict(String text) {
            this.text = text;
        }

        static Verdict of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    /** A figure shown for information, held to no target. */
    static Figure info(String item, String what, String measured, String baseline, String comparison) {
        return new Figure(item, what, measured, baseline, comparison, "", Verdict.NONE);
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A difference with its sign, such as {@code +0.42 ms}. */
    static String difference(double value, int decimals, String unit) {
        return String.format(Locale.ROOT, "%+." + decimals + "f %s", value, unit);
    }

    /** A ratio, such as {@code 0.62x}. */
    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }
}
