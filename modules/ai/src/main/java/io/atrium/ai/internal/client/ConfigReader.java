package io.atrium.ai.internal.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/** Reads keys as trimmed text, blank counting as missing, or as whole numbers; a wrong number is added to problems. */
final class ConfigReader {

    private final Config config;
    private final List<String> problems;

    ConfigReader(Config config, List<String> problems) {
        this.config = config;
        this.problems = problems;
    }

    Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The number, or {@code least} after naming the key as a problem when it is missing, wrong or smaller. */
    long positive(String key, long least) {
        String name = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        Optional<String> value = text(key);
        try {
            long number = Long.parseLong(value.orElse(""));
            if (number >= least) {
                return number;
            }
        } catch (NumberFormatException wrong) {
            // named below, with the other problems
        }
        problems.add(name + " (" + key + ") must be a whole number of at least " + least + ", not '"
                + value.orElse("") + "'");
        return least;
    }
}
