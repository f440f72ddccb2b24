package io.atrium.standins.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real-world protocol data in {@code shared/fixtures}, which sits beside the repository's root. */
final class Fixtures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    /** The first recorded response body of a test-proxy recording under {@code azure-openai/recordings}. */
    static JsonNode recordedResponseBody(String recording) {
        return json("azure-openai/recordings/" + recording).path("Entries").path(0).path("ResponseBody");
    }

    static JsonNode json(String relativePath) {
        Path file = root().resolve(relativePath);
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + file, e);
        }
    }

    private static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path fixtures = dir.resolve("shared/fixtures");
            if (Files.isDirectory(fixtures)) {
                return fixtures;
            }
        }
        throw new IllegalStateException("No shared/fixtures folder in " + start + " or any folder above it; the "
                + "tests need the shared folder checked out beside the repository");
    }
}
