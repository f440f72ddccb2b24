package io.atrium.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code docker/Dockerfile}: clean for dockerfilelint (from npm, installed by this module's build), and built the way
 * Atrium is shipped: with the Maven wrapper, on pinned base images, running as an unprivileged user.
 */
class DockerfileTest {

    private static final String DOCKERFILE = "docker/Dockerfile";
    private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.MULTILINE);

    @Test
    void dockerfilelint_finds_no_issue() throws Exception {
        Lint lint = dockerfilelint(Repository.path(DOCKERFILE));

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("\"totalIssues\":0");
    }

    @Test
    void dockerfilelint_does_find_issues_in_a_careless_dockerfile() throws Exception {
        Path careless = Files.createTempFile("careless", ".Dockerfile");
        try {
            Files.writeString(careless, "FROM payara/micro:latest\nRUN sudo apt-get install curl\nEXPOSE 80800\n");

            Lint lint = dockerfilelint(careless);

            assertThat(lint.exitCode()).isNotZero();
            assertThat(lint.output()).contains("Base Image Latest Tag").contains("Invalid Port Exposed");
        } finally {
            Files.delete(careless);
        }
    }

    @Test
    void every_base_image_is_pinned_to_a_version_and_atrium_runs_on_payara_micro_of_the_build() {
        List<Stage> stages = stages();

        assertThat(stages).extracting(Stage::name).containsExactly("build", "stand-ins", "atrium");
        for (Stage stage : stages) {
            assertThat(stage.image()).as(stage.name()).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
        }
        assertThat(stages.get(2).image()).isEqualTo("payara/micro:" + payaraVersion() + "-jdk21");
    }

    @Test
    void the_image_is_built_with_the_maven_wrapper_and_runs_as_an_unprivileged_user() {
        String dockerfile = Repository.read(DOCKERFILE);
        String atriumStage = dockerfile.substring(dockerfile.lastIndexOf("FROM "));
        String standInsStage = dockerfile.substring(dockerfile.indexOf("AS stand-ins"), dockerfile.lastIndexOf("FROM "));

        assertThat(dockerfile).contains("RUN --mount=type=cache,target=/root/.m2 \\\n    ./mvnw ");
        assertThat(atriumStage).containsPattern("(?m)^USER payara$").doesNotContainPattern("(?m)^USER (root|0)\\b");
        assertThat(atriumStage).contains("/src/web/target/atrium.war");
        assertThat(standInsStage).containsPattern("(?m)^USER 10001$");
    }

    @Test
    void the_build_context_leaves_out_build_output_and_local_data() {
        assertThat(Repository.read("docker/Dockerfile.dockerignore").lines().toList())
                .contains(".git", "**/target", ".atrium-dev");
    }

    private static String payaraVersion() {
        Matcher version = Pattern.compile("<payara.version>([^<]+)</payara.version>").matcher(Repository.read("pom.xml"));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    private static List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        Matcher from = FROM.matcher(Repository.read(DOCKERFILE));
        while (from.find()) {
            stages.add(new Stage(from.group(2), from.group(1)));
        }
        return stages;
    }

    private static Lint dockerfilelint(Path dockerfile) throws IOException, InterruptedException {
        Path lint = Path.of(System.getProperty("atrium.lint.dir"), "node_modules", ".bin", "dockerfilelint");
        assertThat(lint).as("dockerfilelint, installed by this module's build (npm ci)").isExecutable();
        Process process = new ProcessBuilder(lint.toString(), "--json", dockerfile.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Lint(process.exitValue(), output);
    }

    private record Stage(String name, String image) {
    }

    private record Lint(int exitCode, String output) {
    }
}
