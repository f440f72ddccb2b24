package io.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void figures_become_a_markdown_table_with_aligned_columns_and_verdicts() {
        String table = Report.table(List.of(
                new Figure("ai", "first token, median (ms)", "2.10", "1.20 stand-in direct",
                        Figure.difference(0.9, 2, "ms"), "<= +3 ms", Figure.Verdict.MET),
                new Figure("startup", "launch to ready (s)", "31.0", "12.0 empty WAR", Figure.ratio(31.0 / 12.0),
                        "<= 1.50x", Figure.Verdict.MISSED),
                Figure.info("signin", "of which BEGIN/COMMIT per sign-in", "2.00", "", "")));

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("| item    | measurement").contains("| baseline (same run)");
        assertThat(lines.get(1)).matches("\\|[- |]+\\|");
        assertThat(lines.get(2)).contains("| +0.90 ms ").endsWith("| met    |");
        assertThat(lines.get(3)).contains("| 2.58x ").endsWith("| MISSED |");
        assertThat(lines.get(4)).endsWith("|        |");
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSameSizeAs(lines.get(0)));
    }

    @Test
    void a_pipe_inside_a_cell_does_not_split_it() {
        String table = Report.table(List.of(Figure.info("api", "a | b", "1", "", "")));

        assertThat(table.lines().toList().get(2)).contains("a / b");
    }
}
