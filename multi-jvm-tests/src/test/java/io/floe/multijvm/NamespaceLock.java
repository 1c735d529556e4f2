package io.floe.multijvm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The machine-wide right to the {@value NetworkNamespaces#PREFIX}... names: an exclusive lock on one file, held by
 * the test JVM from before it removes a killed run's leftovers until after it removed its own namespaces. Names,
 * bridge and namespaces are shared by every process on the machine, so two root runs of the namespace test at once
 * would delete each other's; the second one asks here and skips instead.
 *
 * <p>Invariant: at most one live process holds it; the kernel drops it when that process ends, however it ends, so
 * a {@value NetworkNamespaces#PREFIX}... thing found while holding it is a leftover that nobody uses. The file
 * holds the holder's pid, for the message of the run that is turned away.
 */
final class NamespaceLock implements AutoCloseable {
    /** In /run (root's, emptied at boot) where there is one; the namespace test runs as root anyway. */
    static final Path FILE = (Files.isDirectory(Path.of("/run")) ? Path.of("/run")
            : Path.of(System.getProperty("java.io.tmpdir"))).resolve(NetworkNamespaces.PREFIX + "namespaces.lock");

    /**
     * The lock this JVM holds, if any. Checked before opening the file again: closing any channel of a file drops
     * every lock the process holds on it (POSIX record locks), so this JVM must not open and close it twice.
     */
    private static NamespaceLock held;

    private final FileChannel channel;
    private final FileLock lock;

    private NamespaceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or why it cannot be had now (another live run holds it); never waits. */
    static synchronized Lease tryAcquire() throws IOException {
        if (held != null) {
            return new Lease(Optional.empty(), "this JVM already runs a network across namespaces");
        }
        FileChannel channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = new String(readAll(channel), StandardCharsets.US_ASCII).trim();
                channel.close();
                return new Lease(Optional.empty(), "another run (pid " + (holder.isEmpty() ? "?" : holder)
                        + ") holds " + FILE + " and uses the " + NetworkNamespaces.PREFIX + "* namespaces now");
            }
            channel.truncate(0).write(ByteBuffer.wrap(
                    (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            held = new NamespaceLock(channel, lock);
            return new Lease(Optional.of(held), "");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Whether this JVM still holds it. */
    boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() throws IOException {
        synchronized (NamespaceLock.class) {
            if (held == this) {
                held = null;
            }
        }
        channel.close(); // releases the lock; the file stays, for the next run to lock
    }

    /**
     * The answer of {@link #tryAcquire}.
     *
     * @param lock  the lock, now held; empty when another run has it
     * @param whyNot when empty, who holds it
     */
    record Lease(Optional<NamespaceLock> lock, String whyNot) {
    }
}
