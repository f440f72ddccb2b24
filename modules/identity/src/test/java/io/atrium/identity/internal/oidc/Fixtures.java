package io.atrium.identity.internal.oidc;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared protocol fixtures, found beside the repository as CI and every developer have them. */
final class Fixtures {

    private Fixtures() {
    }

    static Path file(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures/" + relative + " not found above " + Path.of("").toAbsolutePath()
                + ": the shared folder must sit beside the repository");
    }
}
