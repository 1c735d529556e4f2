package io.floe.persistence.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.protocol.signing.Ed25519;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeysTest {
    static final byte[] MESSAGE = "blob certified".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;

    Path keyFile() {
        return dataDir.resolve(NodeKeys.FILE_NAME);
    }

    @Test
    void createsAKeyOnceAndLoadsTheSameKeyAfterRestart() throws Exception {
        NodeKeys first = NodeKeys.loadOrCreate(dataDir);
        byte[] fileAfterCreate = Files.readAllBytes(keyFile());

        NodeKeys reloaded = NodeKeys.loadOrCreate(dataDir);

        assertEquals(32, first.publicKey().bytes().length);
        assertEquals(first.publicKey(), reloaded.publicKey());
        assertArrayEquals(first.sign(MESSAGE), reloaded.sign(MESSAGE), "Ed25519 is deterministic: same key");
        assertArrayEquals(fileAfterCreate, Files.readAllBytes(keyFile()), "loading never rewrites the file");
    }

    @Test
    void writesTheKeyReadableByItsOwnerOnlyAndLeavesNoTempFile() throws Exception {
        NodeKeys.loadOrCreate(dataDir.resolve("nested"));

        Path file = dataDir.resolve("nested").resolve(NodeKeys.FILE_NAME);
        assertTrue(Files.isRegularFile(file));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count());
        }
        String text = Files.readString(file);
        assertTrue(text.startsWith("-----BEGIN PRIVATE KEY-----\n"), text);
        assertTrue(text.contains("-----BEGIN PUBLIC KEY-----\n"), text);
    }

    @Test
    void signaturesVerifyWithTheRawPublicKey() {
        NodeKeys keys = NodeKeys.loadOrCreate(dataDir);

        byte[] signature = keys.sign(MESSAGE);

        assertEquals(64, signature.length);
        assertTrue(Ed25519.verify(keys.publicKey(), MESSAGE, signature));
        byte[] other = Arrays.copyOf(MESSAGE, MESSAGE.length);
        other[0] ^= 1;
        assertFalse(Ed25519.verify(keys.publicKey(), other, signature));
        assertArrayEquals(Ed25519.raw(Ed25519.publicKey(keys.publicKey().bytes())), keys.publicKey().bytes());
        assertArrayEquals(keys.sign(MESSAGE), Ed25519.sign(keys.privateKey(), MESSAGE));
    }

    @Test
    void damagedFileIsRefusedAndNeverReplaced() throws Exception {
        NodeKeys.loadOrCreate(dataDir);
        byte[] damaged = Files.readString(keyFile()).replace("-----END PRIVATE KEY-----", "")
            .getBytes(StandardCharsets.US_ASCII);
        Files.write(keyFile(), damaged);

        DamagedKeyFileException e = assertThrows(DamagedKeyFileException.class, () -> NodeKeys.loadOrCreate(dataDir));

        assertEquals(keyFile(), e.path());
        assertTrue(e.getMessage().contains(keyFile().toString()), e.getMessage());
        assertArrayEquals(damaged, Files.readAllBytes(keyFile()));
    }

    @Test
    void emptyOrGarbageFileIsRefused() throws Exception {
        Files.write(keyFile(), new byte[0]);
        assertThrows(DamagedKeyFileException.class, () -> NodeKeys.loadOrCreate(dataDir));

        Files.writeString(keyFile(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
            + "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThrows(DamagedKeyFileException.class, () -> NodeKeys.loadOrCreate(dataDir));
    }

    @Test
    void publicKeyOfAnotherNodeIsRefused() throws Exception {
        Path otherDir = Files.createDirectory(dataDir.resolve("other"));
        NodeKeys.loadOrCreate(dataDir);
        NodeKeys.loadOrCreate(otherDir);
        String mine = Files.readString(keyFile());
        String theirs = Files.readString(otherDir.resolve(NodeKeys.FILE_NAME));
        String mixed = mine.substring(0, mine.indexOf("-----BEGIN PUBLIC KEY-----"))
            + theirs.substring(theirs.indexOf("-----BEGIN PUBLIC KEY-----"));
        Files.writeString(keyFile(), mixed);

        DamagedKeyFileException e = assertThrows(DamagedKeyFileException.class, () -> NodeKeys.loadOrCreate(dataDir));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void toStringShowsThePublicKeyOnly() throws Exception {
        NodeKeys keys = NodeKeys.loadOrCreate(dataDir);
        String privateBase64 = Base64.getEncoder().encodeToString(keys.privateKey().getEncoded());

        assertTrue(keys.toString().contains(Base64.getEncoder().encodeToString(keys.publicKey().bytes())));
        assertFalse(keys.toString().contains(privateBase64.substring(privateBase64.length() - 20)));
    }
}
