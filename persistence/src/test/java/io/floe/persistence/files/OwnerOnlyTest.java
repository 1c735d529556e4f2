package io.floe.persistence.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders are made 0700 from their first moment, older ones are tightened, files are set 0600. */
class OwnerOnlyTest {
    @TempDir
    Path dir;

    @Test
    void createsEveryMissingFolderOwnerOnly() throws Exception {
        Path deep = OwnerOnly.folder(dir.resolve("a").resolve("b"));
        assertEquals("rwx------", mode(dir.resolve("a")));
        assertEquals("rwx------", mode(deep));
    }

    @Test
    void tightensAFolderAndTheFilesAnOlderVersionLeftOpen() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = Files.writeString(old.resolve("floe.mv.db"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnly.folder(old);
        OwnerOnly.filesIn(old);

        assertEquals("rwx------", mode(old));
        assertEquals("rw-------", mode(file));
    }

    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
