package io.floe.persistence.keys;

import io.floe.persistence.files.AtomicFiles;
import io.floe.persistence.files.OwnerOnly;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node's Ed25519 protocol key, kept in {@code <dataDir>/protocol.key} (format: see {@link KeyFile}, two
 * PEM blocks, PKCS#8 private key then X.509 public key).
 *
 * <p>Invariants: the key is created once, written atomically (a crash leaves either no file or a whole one), and
 * never replaced: a file that is present but unusable raises {@link DamagedKeyFileException}. The public and
 * private keys are checked to belong together on every load.
 */
public final class NodeKeys {
    /** File name inside the node's data folder. */
    public static final String FILE_NAME = "protocol.key";

    private static final Logger LOG = LoggerFactory.getLogger(NodeKeys.class);
    private static final byte[] PROBE = "floe protocol key self-check".getBytes(StandardCharsets.US_ASCII);

    private final PrivateKey privateKey;
    private final Ed25519PublicKey publicKey;

    private NodeKeys(PrivateKey privateKey, Ed25519PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the node's key from {@code dataDir}, or creates and stores one if there is no key file yet. */
    public static NodeKeys loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                if (OwnerOnly.posix()) {
                    // A key written by a program with another umask: only the node's owner may read it.
                    Files.setPosixFilePermissions(file, OwnerOnly.FILE);
                }
                return load(file);
            }
            OwnerOnly.folder(dataDir);
            NodeKeys created = create(file);
            LOG.info("Created node protocol key {} (public key {})", file, created.publicKey.base64());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write node key file " + file, e);
        }
    }

    private static NodeKeys load(Path file) throws IOException {
        KeyPair pair = KeyFile.decode(file, Files.readAllBytes(file));
        Ed25519PublicKey publicKey;
        try {
            publicKey = Ed25519PublicKey.of(pair.getPublic());
        } catch (IllegalArgumentException e) {
            throw new DamagedKeyFileException(file, e.getMessage(), e);
        }
        NodeKeys keys = new NodeKeys(pair.getPrivate(), publicKey);
        if (!Ed25519.verify(publicKey, PROBE, keys.sign(PROBE))) {
            throw new DamagedKeyFileException(file, "its public key does not belong to its private key");
        }
        LOG.info("Loaded node protocol key {} (public key {})", file, keys.publicKey.base64());
        return keys;
    }

    private static NodeKeys create(Path file) throws IOException {
        KeyPair pair = Ed25519.generate();
        AtomicFiles.write(file, KeyFile.encode(pair));
        return new NodeKeys(pair.getPrivate(), Ed25519PublicKey.of(pair.getPublic()));
    }

    /** The public key, as the ledger records it. */
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** A 64-byte Ed25519 signature of {@code message}; check it with {@link Ed25519#verify}. */
    public byte[] sign(byte[] message) {
        return Ed25519.sign(privateKey, message);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** Shows the public key only: the private key must not end up in logs. */
    @Override
    public String toString() {
        return "NodeKeys[public=" + publicKey.base64() + "]";
    }
}
