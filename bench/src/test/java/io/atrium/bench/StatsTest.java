package io.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StatsTest {

    private static final double[] ONE_TO_TWENTY = IntStream.rangeClosed(1, 20).asDoubleStream().toArray();

    @Test
    void the_median_of_an_odd_count_is_the_middle_value_whatever_the_order() {
        assertThat(Stats.median(new double[] {9, 1, 5})).isEqualTo(5);
    }

    @Test
    void the_median_of_an_even_count_is_the_mean_of_the_two_middle_values() {
        assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void p95_of_twenty_values_is_the_nineteenth_by_nearest_rank() {
        assertThat(Stats.percentile(ONE_TO_TWENTY, 95)).isEqualTo(19);
        assertThat(Stats.percentile(ONE_TO_TWENTY, 50)).isEqualTo(10);
        assertThat(Stats.percentile(ONE_TO_TWENTY, 100)).isEqualTo(20);
        assertThat(Stats.percentile(ONE_TO_TWENTY, 1)).isEqualTo(1);
    }

    @Test
    void p95_of_a_single_value_is_that_value() {
        assertThat(Stats.percentile(new double[] {7.5}, 95)).isEqualTo(7.5);
    }

    @Test
    void the_sample_is_left_as_it_was() {
        double[] sample = {3, 1, 2};
        Stats.percentile(sample, 95);
        Stats.median(sample);
        assertThat(sample).containsExactly(3, 1, 2);
    }

    @Test
    void an_empty_sample_or_a_percentile_out_of_range_is_refused() {
        assertThatThrownBy(() -> Stats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(ONE_TO_TWENTY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(ONE_TO_TWENTY, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
