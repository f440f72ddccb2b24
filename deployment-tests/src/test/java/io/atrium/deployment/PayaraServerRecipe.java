package io.atrium.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Payara Server recipe of {@code docs/operations.md}, each step taken as written from the fenced block after its
 * {@code <!-- recipe: NAME -->} marker and run with bash, so the document cannot drift from what the build proves.
 */
final class PayaraServerRecipe {

    private static final String RECIPE = "docs/operations.md";
    private static final int MINUTES_PER_STEP = 8;

    private PayaraServerRecipe() {
    }

    static String step(String name) {
        Matcher block = Pattern.compile("<!-- recipe: " + Pattern.quote(name) + " -->\\s*```bash\\n(.*?)```",
                Pattern.DOTALL).matcher(Repository.read(RECIPE));
        if (!block.find()) {
            throw new AssertionError(RECIPE + " has no recipe step '" + name + "'");
        }
        return block.group(1);
    }

    /** Runs a step with these environment variables; its output goes to {@code log}. */
    static void run(String name, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder(List.of("bash", "-c", step(name)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        bash.environment().putAll(environment);
        Process process = bash.start();
        if (!process.waitFor(MINUTES_PER_STEP, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Recipe step " + name + " took more than " + MINUTES_PER_STEP + " minutes:\n"
                    + tail(log));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("Recipe step " + name + " failed with exit code " + process.exitValue() + ":\n"
                    + tail(log));
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
