package io.atrium.standins.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.atrium.standins.SharedFixtures;

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
        Path file = SharedFixtures.file(relativePath);
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + file, e);
        }
    }
}
