package io.atrium.web.it.ops;

import java.util.Arrays;

/** The Prometheus text format, as far as tests read it: a sample's value by metric name and some of its labels. */
record PrometheusText(String text) {

    /** The sample's value, or 0 when no sample has that name and those labels (a counter not yet incremented). */
    double value(String name, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    double increase(PrometheusText before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
    }
}
