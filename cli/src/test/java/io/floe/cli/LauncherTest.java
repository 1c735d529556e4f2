package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.encoding.redstuff.BlobEncoder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./floe} script as a process: JDK choice, JVM flags, stderr filtering, exit codes, running
 * from another directory. It uses {@code FLOE_CLASSPATH} (this test's classes) so no nested Maven build starts while
 * Maven runs these tests. Each run is bounded by a timeout.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {
    private static final long TIMEOUT_SECONDS = 20;
    private static Path launcher;

    @TempDir
    Path workDir;

    @BeforeAll
    static void findLauncher() {
        Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        launcher = moduleDir.getParent().resolve("floe");
        assumeTrue(Files.isExecutable(launcher), "no executable launcher at " + launcher);
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
            "bash is needed to run the launcher");
    }

    @Test
    void computesBlobIdFromAnotherDirectoryWithCleanStderr() throws Exception {
        Files.writeString(workDir.resolve("v1.txt"), "walrus blob id v1 regression test");

        Result result = floe(Map.of(), "blob-id", "v1.txt", "--n-shards", "10");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY\n", result.out());
        assertEquals("", result.err(), "the incubator warning and nothing else should be filtered");
    }

    @Test
    void expectedErrorsAreOneLineWithTheirExitCodes() throws Exception {
        Result missing = floe(Map.of(), "blob-id", "missing.bin");
        assertEquals(1, missing.exitCode());
        assertEquals("error: no such file: missing.bin\n", missing.err());

        Result unknown = floe(Map.of(), "no-such-command");
        assertEquals(2, unknown.exitCode());
        assertEquals("error: unknown command 'no-such-command' (see 'floe --help')\n", unknown.err());
    }

    @Test
    void floeJavaSelectsTheJdk() throws Exception {
        Result result = floe(Map.of("FLOE_JAVA", System.getProperty("java.home")), "--version");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().endsWith("(Java " + Runtime.version() + ")\n"), result.out());
    }

    @Test
    void rejectsAFloeJavaThatIsNotJava() throws Exception {
        Result result = floe(Map.of("FLOE_JAVA", workDir.resolve("nothing").toString()), "--version");

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("error: FLOE_JAVA="), result.err());
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result floe(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        for (String inherited : List.of("FLOE_JAVA", "FLOE_JAVA_OPTS", "FLOE_LAUNCHER_DEBUG", "JAVA_TOOL_OPTIONS",
                "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            environment.remove(inherited);
        }
        environment.put("FLOE_CLASSPATH", classPath());
        environment.putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("./floe " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        // Reading to end of stream also waits for the launcher's stderr filter, which outlives java briefly.
        try {
            return new Result(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not read the output of ./floe", e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This module's classes and the encoding library's, wherever Maven put them, plus the test class path. */
    private static String classPath() {
        return String.join(File.pathSeparator, location(FloeMain.class), location(BlobEncoder.class),
            System.getProperty("java.class.path"));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
