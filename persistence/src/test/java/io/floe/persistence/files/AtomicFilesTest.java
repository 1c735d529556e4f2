package io.floe.persistence.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeReplacesWhatWasThereWithAnOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("key");
        AtomicFiles.write(file, new byte[] {1});
        AtomicFiles.write(file, new byte[] {2, 3});
        assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(file));
        if (OwnerOnly.posix()) {
            assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(file));
        }
        assertNoTempFilesLeft();
    }

    @Test
    void createOnceKeepsTheFirstWritersFile() throws Exception {
        Path file = dir.resolve("ca.pem");
        assertTrue(AtomicFiles.createOnce(file, new byte[] {1}));
        assertFalse(AtomicFiles.createOnce(file, new byte[] {2}));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(file));
        if (OwnerOnly.posix()) {
            assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(file));
        }
        assertNoTempFilesLeft();
    }

    private void assertNoTempFilesLeft() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".tmp")).count());
        }
    }
}
