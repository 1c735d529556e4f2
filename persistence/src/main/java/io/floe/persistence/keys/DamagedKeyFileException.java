package io.floe.persistence.keys;

import java.nio.file.Path;

/**
 * A node key file that exists but cannot be used: unreadable PEM, a key of another algorithm, or a public key that
 * does not belong to the private key. Floe never replaces such a file, since a new key would be a new node identity;
 * an operator restores it from a backup or deletes it on purpose.
 */
public final class DamagedKeyFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public DamagedKeyFileException(Path path, String reason, Throwable cause) {
        super("node key file " + path + " is damaged: " + reason
            + " (restore it from a backup; delete it only to give this node a new identity)", cause);
        this.path = path;
    }

    public DamagedKeyFileException(Path path, String reason) {
        this(path, reason, null);
    }

    /** The file that could not be used. */
    public Path path() {
        return path;
    }
}
