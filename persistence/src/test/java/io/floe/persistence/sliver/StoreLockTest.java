package io.floe.persistence.sliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;

class StoreLockTest {
    private final StoreLock lock = new StoreLock(Path.of("/data/slivers"));

    @Test
    void releasesOnceAndRefusesEveryCallAfterClose() {
        AtomicInteger released = new AtomicInteger();

        assertTrue(lock.close(released::incrementAndGet));
        assertFalse(lock.close(released::incrementAndGet));

        assertEquals(1, released.get());
        assertTrue(lock.isClosed());
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> lock.read("read", ran::incrementAndGet));
        assertEquals("sliver store /data/slivers is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> lock.write("drop", ran::incrementAndGet));
        assertEquals(0, ran.get(), "nothing runs on a closed store");
    }

    @Test
    void rocksFailureNamesTheActionAndTheStore() {
        RocksDBException cause = new RocksDBException("IO error: No space left on device");

        SliverStoreException e = assertThrows(SliverStoreException.class, () -> lock.read("store metadata of x", () -> {
            throw cause;
        }));

        assertEquals("cannot store metadata of x in sliver store /data/slivers: IO error: No space left on device",
                e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void answersWhatTheCallReturns() {
        assertEquals("value", lock.read("read", () -> "value"));
        assertEquals(7, lock.write("create family", () -> 7));
        assertFalse(lock.isClosed());
    }
}
