package io.floe.cluster.tls;

import io.floe.persistence.files.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Creates a {@code 0600} file whole and at most once: written to a temporary file beside it, forced to disk, then
 * linked into place, which fails when another process (a member of the same local network starting at the same
 * moment) linked its own first. A reader therefore never sees a half-written file, and the first writer wins.
 */
final class WriteOnce {
    private WriteOnce() {
    }

    /** Writes {@code content} as {@code file}; false (and nothing changed) when {@code file} already exists. */
    static boolean write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", OwnerOnly.fileAttributes());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            try {
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, file);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
