package io.atrium.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Atrium's repository as the build found it: the files ops use, and what the README says about them. */
final class Repository {

    /** A row of the README's configuration table: `ENV_NAME` | `property` | default | meaning. */
    private static final Pattern SETTING_ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| `[a-z0-9.-]+` \\|.*$",
            Pattern.MULTILINE);

    private Repository() {
    }

    static Path path(String relative) {
        String root = System.getProperty("atrium.root");
        if (root == null) {
            throw new IllegalStateException("System property atrium.root is not set: run the tests through Maven");
        }
        return Path.of(root).resolve(relative).normalize();
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings the README documents, by environment variable, with whether the README calls each a secret. */
    static Map<String, Boolean> documentedSettings() {
        Map<String, Boolean> settings = new LinkedHashMap<>();
        Matcher row = SETTING_ROW.matcher(read("README.md"));
        while (row.find()) {
            settings.put(row.group(1), row.group().contains("(secret"));
        }
        return settings;
    }
}
