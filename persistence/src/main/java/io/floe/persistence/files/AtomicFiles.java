package io.floe.persistence.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small files (keys, certificates) written whole or not at all: readers of the target see its old content or all of
 * the new, never a torn file, and the new file is {@code 0600} ({@link OwnerOnly}) from its first byte.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /** Temp file in the same folder, fsynced, then renamed over the target; the rename is made durable too. */
    public static void write(Path file, byte[] content) throws IOException {
        Path temp = writtenBeside(file, content);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(temp.getParent());
    }

    /**
     * Creates {@code file} whole and at most once: the fsynced temp file is linked into place, which fails when another
     * process (a member of the same local network starting at the same moment) linked its own first, so the first
     * writer wins and nothing is replaced. False, with nothing changed, when {@code file} already exists.
     */
    public static boolean createOnce(Path file, byte[] content) throws IOException {
        Path temp = writtenBeside(file, content);
        try {
            try {
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, file);
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(temp.getParent());
        return true;
    }

    /** {@code content} in a new {@code 0600} temp file in {@code file}'s folder, forced to disk. */
    private static Path writtenBeside(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", OwnerOnly.fileAttributes());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** Makes a rename durable; some platforms cannot open a folder, and then the rename is all we get. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot fsync folder {}: {}", dir, e.getMessage());
        }
    }
}
