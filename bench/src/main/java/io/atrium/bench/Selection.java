package io.atrium.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Which benchmarks a run measures: {@code -Dbench.only=api,ai,tokens,signin,startup}, all of them when not given. */
final class Selection {

    /** The benchmarks, by the names {@code bench.only} takes. */
    enum Item {
        API, AI, TOKENS, SIGNIN, STARTUP;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Selection() {
    }

    /** @throws IllegalArgumentException naming the unknown names and the known ones */
    static Set<Item> parse(String only) {
        if (only == null || only.isBlank()) {
            return EnumSet.allOf(Item.class);
        }
        Set<Item> items = EnumSet.noneOf(Item.class);
        Set<String> unknown = new TreeSet<>();
        for (String name : only.split(",")) {
            String key = name.strip().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            Arrays.stream(Item.values()).filter(item -> item.key().equals(key)).findFirst()
                    .ifPresentOrElse(items::add, () -> unknown.add(key));
        }
        if (!unknown.isEmpty() || items.isEmpty()) {
            throw new IllegalArgumentException("bench.only=" + only + " names " + (unknown.isEmpty() ? "no benchmark"
                    : "unknown benchmarks " + unknown) + "; choose among " + Arrays.stream(Item.values())
                    .map(Item::key).collect(Collectors.joining(",")));
        }
        return items;
    }
}
