package io.atrium.ai.internal.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A setting of {@code name=tokens} pairs separated by commas (quotas by role, context budgets by deployment). */
final class TokenPairs {

    private TokenPairs() {
    }

    /** The pairs of {@code value}, each number at least {@code least}; every wrong pair is added to problems. */
    static Map<String, Long> read(String key, Optional<String> value, String what, String example, long least,
                                  List<String> problems) {
        String variable = key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        Map<String, Long> pairs = new LinkedHashMap<>();
        for (String entry : value.orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] nameAndNumber = entry.split("=", -1);
            try {
                long number = Long.parseLong(nameAndNumber.length == 2 ? nameAndNumber[1].strip() : "");
                if (nameAndNumber[0].isBlank() || number < least) {
                    throw new NumberFormatException();
                }
                pairs.put(nameAndNumber[0].strip(), number);
            } catch (NumberFormatException wrong) {
                problems.add(variable + " (" + key + ") must be " + what + "=tokens pairs separated by commas, "
                        + "tokens at least " + least + ", such as " + example + "; '" + entry.strip() + "' is not one");
            }
        }
        return Map.copyOf(pairs);
    }
}
