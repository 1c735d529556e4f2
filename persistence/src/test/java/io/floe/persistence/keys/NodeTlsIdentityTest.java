package io.floe.persistence.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.floe.persistence.files.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTlsIdentityTest {
    @TempDir
    Path dir;

    @Test
    void firstStartCreatesOwnerOnlyFileAndSecondStartReusesIt() throws IOException {
        NodeTlsIdentity first = NodeTlsIdentity.loadOrCreate(dir.resolve("node-1"), "127.0.0.1");
        Path file = dir.resolve("node-1").resolve(NodeTlsIdentity.FILE_NAME);
        if (OwnerOnly.posix()) {
            assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(file));
        }
        NodeTlsIdentity second = NodeTlsIdentity.loadOrCreate(dir.resolve("node-1"), "127.0.0.1");
        assertEquals(first.fingerprint(), second.fingerprint());
        assertNotNull(second.serverContext());
    }

    @Test
    void everyNodeGetsItsOwnCertificate() {
        NodeTlsIdentity a = NodeTlsIdentity.loadOrCreate(dir.resolve("a"), "node-a.example");
        NodeTlsIdentity b = NodeTlsIdentity.loadOrCreate(dir.resolve("b"), "node-a.example");
        assertNotEquals(a.fingerprint(), b.fingerprint());
    }
}
