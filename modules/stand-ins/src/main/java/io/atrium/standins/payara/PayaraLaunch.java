package io.atrium.standins.payara;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.standins.LocalPorts;

/** Launches the child JVM a {@link PayaraMicroProcess.Builder} describes, with its command line and pre-boot file. */
final class PayaraLaunch {

    private PayaraLaunch() {
    }

    static PayaraMicroProcess start(PayaraMicroProcess.Builder options) throws IOException {
        requireFile(options.microJar, "The Payara Micro jar", "./mvnw -pl web process-test-resources");
        requireFile(options.war, "The WAR to deploy", "./mvnw -pl web package");
        Path directory = options.workDirectory != null ? options.workDirectory
                : Files.createTempDirectory("atrium-payara");
        Files.createDirectories(directory);
        LeftoverPayara.stopIfRunning(directory);
        int httpPort = options.port == 0 ? LocalPorts.free() : options.port;
        LocalPorts.requireFree(httpPort, "Payara Micro");
        Path preboot = options.dataGrid == null
                ? PayaraMicroProcess.writeSingleInstancePreboot(directory.resolve("preboot-loopback.asadmin"))
                : PayaraMicroProcess.writeLoopbackPreboot(directory.resolve("preboot-loopback.asadmin"));
        Path logFile = directory.resolve("payara-micro.log");

        ProcessBuilder processBuilder = new ProcessBuilder(commandLine(options, httpPort, preboot))
                .directory(directory.toFile()).redirectErrorStream(true);
        processBuilder.environment().putAll(options.environment);

        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        Process process;
        try {
            process = processBuilder.start();
        } catch (IOException e) {
            log.close();
            throw e;
        }
        LeftoverPayara.remember(directory, process);
        PayaraOutput output = PayaraOutput.follow(process, log, logFile, options.echo, options.echoPrefix);
        return new PayaraMicroProcess(process, httpPort, directory, output);
    }

    private static List<String> commandLine(PayaraMicroProcess.Builder options, int httpPort, Path preboot) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + options.maxHeap);
        command.addAll(options.jvmOptions);
        Map<String, String> properties = new LinkedHashMap<>(options.systemProperties);
        if (options.dataGrid != null) {
            properties.putAll(LoopbackDataGrid.SYSTEM_PROPERTIES);
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", options.microJar.toAbsolutePath().toString(),
                "--deploy", options.war.toAbsolutePath().toString(), "--contextroot", "/",
                "--port", Integer.toString(httpPort),
                "--prebootcommandfile", preboot.toString()));
        command.addAll(options.dataGrid == null ? List.of("--nohazelcast")
                : options.dataGrid.arguments(options.dataGridMember));
        command.addAll(options.extraArguments);
        // Payara Micro takes a deployment's own context root after its path: --deploy file.war:/root
        options.otherDeployments.forEach((otherWar, contextRoot) -> command.addAll(List.of("--deploy",
                otherWar.toAbsolutePath() + File.pathSeparator + contextRoot)));
        return command;
    }

    private static void requireFile(Path file, String what, String howToBuild) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " does not exist: " + file.toAbsolutePath()
                    + " (build it with " + howToBuild + ")");
        }
    }
}
