package io.floe.node.http;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the write-ahead log's fsync before a node signs: concurrent confirmations share one sync instead
 * of queueing one each behind the disk (an fsync here takes several milliseconds, and a busy node confirms many
 * stores at once).
 *
 * <p>Invariant: {@link #sync()} returns only after a sync that started after the call began has finished, so every
 * write the caller made before calling is covered, exactly as if it had synced alone. A failed sync fails every
 * caller it would have covered (an {@link Error} as an {@link IllegalStateException} around it); later callers start a
 * new one.
 */
final class GroupedSync {
    private final Runnable sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** Callers so far, numbered from 1: caller k needs a finished sync that started after it arrived. */
    private long tickets;
    /** Every caller up to this number is covered by a finished sync. */
    private long covered;
    private boolean running;
    /** The callers up to this number would have been covered by the last sync, which failed with {@link #failure}. */
    private long failedUpTo;
    private RuntimeException failure;

    /** @param sync the sync itself, e.g. RocksDB's {@code flushWal(true)} */
    GroupedSync(Runnable sync) {
        this.sync = sync;
    }

    /** Blocks until the writes made before this call are synced; throws what the covering sync threw. */
    void sync() {
        lock.lock();
        try {
            long ticket = ++tickets;
            while (covered < ticket) {
                if (failure != null && failedUpTo >= ticket) {
                    throw failure;
                }
                if (running) {
                    finished.awaitUninterruptibly();
                } else {
                    runFor(tickets);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs one sync for callers up to {@code upTo} without holding the lock (callers arriving meanwhile wait). */
    private void runFor(long upTo) {
        running = true;
        RuntimeException error = null;
        lock.unlock();
        try {
            sync.run();
        } catch (RuntimeException e) {
            error = e;
        } catch (Throwable e) {
            // An Error (an assertion, out of memory, a failing native call) must still release the waiters: each
            // caller this sync would have covered fails, and the next caller starts a new sync.
            error = new IllegalStateException("the write-ahead log sync failed", e);
        } finally {
            lock.lock();
        }
        running = false;
        if (error == null) {
            covered = Math.max(covered, upTo);
        } else {
            failedUpTo = upTo;
            failure = error;
        }
        finished.signalAll();
    }
}
