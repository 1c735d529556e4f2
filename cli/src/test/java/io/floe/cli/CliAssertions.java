package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Shared checks and fixtures of the gateway command tests. */
final class CliAssertions {
    /**
     * A wallet path of this test JVM's own (not created yet), so that no test reads or creates the user's wallet.
     */
    static final Path WALLET = temporaryFolder().resolve("wallet.json");
    /** No FLOE_GATEWAY, FLOE_WALLET in a folder of this JVM's, and stderr is not a terminal. */
    static final GatewayCommand.Environment QUIET = environment(Map.of("FLOE_WALLET", WALLET.toString()), false);

    private CliAssertions() {
    }

    private static Path temporaryFolder() {
        try {
            Path folder = Files.createTempDirectory("floe-cli-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder), "floe-cli-test-cleanup"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code folder} and what the tests wrote into it (the wallet and its lock or temporary files). */
    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + folder + ": " + e);
        }
    }

    static GatewayCommand.Environment environment(Map<String, String> variables, boolean interactive) {
        return new GatewayCommand.Environment(variables::get, () -> interactive);
    }

    /**
     * {@code text} as the JSON string the CLI prints, worked out without Jackson: quotes and backslashes escaped.
     * Only for printable ASCII, such as the temporary paths the tests print.
     */
    static String jsonString(String text) {
        assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7F), () -> "not printable ASCII: " + text);
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** One line on stderr, starting with "error: " and containing {@code expected}; nothing on stdout. */
    static void assertFailure(Captured result, int exitCode, String expected) {
        assertEquals(exitCode, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
        assertTrue(result.err().contains(expected), () -> "expected '" + expected + "' in: " + result.err());
    }
}
