package io.atrium.ai.internal.client;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import io.atrium.standins.SharedFixtures;

/** The real-world protocol data in {@code shared/fixtures}, which sits beside the repository's root. */
final class Fixtures {

    private Fixtures() {
    }

    /** The response body of the first entry of a test-proxy recording under {@code azure-openai/recordings}. */
    static String recordedResponseBody(String recording) {
        return json("azure-openai/recordings/" + recording).getJsonArray("Entries").getJsonObject(0)
                .getJsonObject("ResponseBody").toString();
    }

    /** The 200 body of an example of Azure's REST API specification under {@code azure-openai/spec-examples}. */
    static String specExampleResponse(String example) {
        return json("azure-openai/spec-examples/" + example).getJsonObject("responses").getJsonObject("200")
                .getJsonObject("body").toString();
    }

    static JsonObject json(String relativePath) {
        Path file = SharedFixtures.file(relativePath);
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + file, e);
        }
    }
}
