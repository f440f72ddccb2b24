package io.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiOverheadTest {

    @Test
    void the_ratio_is_the_median_of_each_rounds_ratio_so_a_noisy_round_moves_both_sides() {
        // Round 2 ran while the machine was busy: both sides slowed, its ratio stays in line.
        List<Wrk.Result> atrium = List.of(result(100), result(30), result(120));
        List<Wrk.Result> baseline = List.of(result(200), result(40), result(150));

        assertThat(ApiOverhead.medianRatio(atrium, baseline)).isEqualTo(0.75);
    }

    @Test
    void by_cpu_the_ratio_is_the_baselines_cost_over_the_measured_one_per_round() {
        List<Wrk.Result> atrium = List.of(cpu(200), cpu(400), cpu(250));
        List<Wrk.Result> baseline = List.of(cpu(100), cpu(300), cpu(200));

        assertThat(ApiOverhead.medianCpuRatio(atrium, baseline)).isEqualTo(0.75);
    }

    private static Wrk.Result result(double requestsPerSecond) {
        return new Wrk.Result(requestsPerSecond, 1, 2, 1000, Double.NaN);
    }

    private static Wrk.Result cpu(double microsPerRequest) {
        return new Wrk.Result(1000, 1, 2, 1000, microsPerRequest);
    }
}
