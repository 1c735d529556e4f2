package io.floe.persistence.sliver;

import java.nio.file.Path;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.RocksDBException;

/**
 * The lock that keeps a {@link SliverStore}'s native handles from being used while they are dropped or after they
 * are closed (a RocksDB handle used after its close crashes the JVM rather than throwing).
 *
 * <p>Invariants: operations run under the read lock, so they run concurrently; changes to the families and closing
 * run under the write lock, so no operation holds a handle that is being replaced or freed. Once {@link #close} ran,
 * every call throws {@link IllegalStateException} before it touches RocksDB. A RocksDB failure leaves as a
 * {@link SliverStoreException} that names the action and the store.
 */
final class StoreLock {
    private final Path dir;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    StoreLock(Path dir) {
        this.dir = dir;
    }

    /** A call on the store's database, run under the lock. */
    @FunctionalInterface
    interface RocksCall<T> {
        T call() throws RocksDBException;
    }

    /** Runs an operation on the families as they are; operations run concurrently. */
    <T> T read(String action, RocksCall<T> call) {
        return locked(lock.readLock(), action, call);
    }

    /** For changes to the families: no operation runs meanwhile, so none uses a handle being dropped or closed. */
    <T> T write(String action, RocksCall<T> call) {
        return locked(lock.writeLock(), action, call);
    }

    boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code release} (which frees the native handles) once, under the write lock, and refuses every call after
     * it. Returns false, without running it, when the store was closed already.
     */
    boolean close(Runnable release) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            release.run();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T locked(Lock held, String action, RocksCall<T> call) {
        held.lock();
        try {
            if (closed) {
                throw new IllegalStateException("sliver store " + dir + " is closed");
            }
            return call.call();
        } catch (RocksDBException e) {
            throw new SliverStoreException("cannot " + action + " in sliver store " + dir + ": " + e.getMessage(), e);
        } finally {
            held.unlock();
        }
    }
}
