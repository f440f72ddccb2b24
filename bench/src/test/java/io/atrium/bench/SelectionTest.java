package io.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.atrium.bench.Selection.Item;

class SelectionTest {

    @Test
    void without_a_selection_every_benchmark_runs() {
        assertThat(Selection.parse(null)).containsExactly(Item.values());
        assertThat(Selection.parse(" ")).containsExactly(Item.values());
    }

    @Test
    void a_selection_names_benchmarks_in_any_case_with_spaces() {
        assertThat(Selection.parse("ai, SignIn,")).containsExactlyInAnyOrder(Item.AI, Item.SIGNIN);
    }

    @Test
    void an_unknown_name_is_refused_with_the_known_ones() {
        assertThatThrownBy(() -> Selection.parse("api,login"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[login]")
                .hasMessageContaining("api,ai,tokens,signin,startup");
    }
}
