package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloeMainTest {
    private static Captured floe(String... args) {
        return Captured.run((out, err) -> FloeMain.standard().run(List.of(args), out, err));
    }

    @Test
    void dispatchesToBlobId(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("v1"), "walrus blob id v1 regression test");

        Captured result = floe("blob-id", file.toString(), "--n-shards", "10");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY\n", result.out());
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        Captured result = floe("stroe", "x");

        assertEquals(2, result.exitCode());
        assertEquals(List.of("error: unknown command 'stroe' (see 'floe --help')"), result.errLines());
        assertEquals("", result.out());
    }

    @Test
    void unknownGlobalOptionIsExitTwo() {
        Captured result = floe("--verbose");

        assertEquals(2, result.exitCode());
        assertEquals(List.of("error: unknown option '--verbose' (see 'floe --help')"), result.errLines());
    }

    @Test
    void helpListsCommands() {
        for (String help : List.of("--help", "-h", "help")) {
            Captured result = floe(help);
            assertEquals(0, result.exitCode());
            assertTrue(result.out().startsWith("usage: floe <command>"), result.out());
            assertTrue(result.out().contains("blob-id"), result.out());
        }
    }

    @Test
    void helpForOneCommandIsItsUsage() {
        Captured result = floe("help", "blob-id");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("usage: floe blob-id"), result.out());
        assertEquals(2, floe("help", "nope").exitCode());
    }

    @Test
    void noArgumentsPrintsUsageOnStderrAndExitsTwo() {
        Captured result = floe();

        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("usage: floe <command>"), result.err());
    }

    @Test
    void versionNamesFloeAndJava() {
        Captured result = floe("--version");

        assertEquals(0, result.exitCode());
        assertEquals("floe " + FloeMain.version() + " (Java " + Runtime.version() + ")\n", result.out());
    }
}
