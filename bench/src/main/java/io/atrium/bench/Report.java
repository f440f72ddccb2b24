package io.atrium.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The one table a benchmark run prints: a Markdown table, so that it can go into bench/README.md as it is. */
final class Report {

    private static final List<String> HEADERS = List.of("item", "measurement", "Atrium", "baseline (same run)",
            "compared", "target", "");
    private static final List<Function<Figure, String>> COLUMNS = List.of(Figure::item, Figure::what,
            Figure::measured, Figure::baseline, Figure::comparison, Figure::target, figure -> figure.verdict().text);

    private Report() {
    }

    /** The figures as a table, one line each in the order given, columns padded to their widest cell. */
    static String table(List<Figure> figures) {
        int[] widths = new int[HEADERS.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = HEADERS.get(column).length();
            for (Figure figure : figures) {
                widths[column] = Math.max(widths[column], cell(figure, column).length());
            }
        }
        StringBuilder table = new StringBuilder();
        line(table, HEADERS, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(table, rule, widths);
        for (Figure figure : figures) {
            List<String> cells = new ArrayList<>();
            for (int column = 0; column < widths.length; column++) {
                cells.add(cell(figure, column));
            }
            line(table, cells, widths);
        }
        return table.toString();
    }

    /** A pipe in a cell would split it in two. */
    private static String cell(Figure figure, int column) {
        return COLUMNS.get(column).apply(figure).replace("|", "/");
    }

    private static void line(StringBuilder table, List<String> cells, int[] widths) {
        table.append('|');
        for (int column = 0; column < widths.length; column++) {
            String cell = cells.get(column);
            table.append(' ').append(cell).append(" ".repeat(widths[column] - cell.length())).append(" |");
        }
        table.append('\n');
    }
}
