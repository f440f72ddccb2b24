package io.atrium.standins;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real-world protocol data in {@code shared/fixtures} (Azure OpenAI recordings, Entra metadata and tokens), found
 * beside the repository as CI and every developer have it. Missing fixtures fail the test that needs them.
 */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    /** A file below {@code shared/fixtures}, e.g. {@code entra/tokens/msal4j-test-jwts-decoded.json}. */
    public static Path file(String relativePath) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures").resolve(relativePath);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No shared/fixtures/" + relativePath + " in " + start + " or any folder above "
                + "it; the tests need the shared folder checked out beside the repository");
    }
}
