package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.metadata.BlobId;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A continuous reader of the blobs stored so far and a continuous writer, counted together. */
public final class ChangeLoad implements AutoCloseable {
    private final ContinuousReads reads;
    private final ContinuousWrites writes;
    private final Map<BlobId, byte[]> stored;

    private ChangeLoad(ContinuousReads reads, ContinuousWrites writes, Map<BlobId, byte[]> stored) {
        this.reads = reads;
        this.writes = writes;
        this.stored = stored;
    }

    /** Reads {@code stored}'s blobs in two threads and stores new ones in one; what it stores goes into {@code stored}. */
    public static ChangeLoad start(Gateway gateway, Map<BlobId, byte[]> stored, long seed) {
        return new ChangeLoad(ContinuousReads.start(gateway, stored, 2, Duration.ofMinutes(4)),
                ContinuousWrites.start(gateway, seed, Duration.ofMinutes(4)), stored);
    }

    /** Stops both, prints the figures, keeps what was stored, and fails on any failed request. */
    public void finish(String during) {
        Counts c = stop(during);
        assertTrue(c.badReads().isEmpty(), () -> "failed reads during " + during + ": " + c.badReads());
        assertTrue(c.badWrites().isEmpty(), () -> "failed writes during " + during + ": " + c.badWrites());
    }

    /** Stops both and prints the figures; fails only on a read answered 200 with wrong bytes. */
    public void report(String during) {
        Counts c = stop(during);
        List<ContinuousReads.Read> wrong = c.badReads().stream().filter(x -> x.status() == 200).toList();
        assertTrue(wrong.isEmpty(), () -> "wrong bytes during " + during + ": " + wrong);
    }

    private record Counts(List<ContinuousReads.Read> badReads, List<ContinuousWrites.Write> badWrites) {
    }

    private Counts stop(String during) {
        List<ContinuousReads.Read> r = reads.stop();
        List<ContinuousWrites.Write> w = writes.stop();
        stored.putAll(writes.stored());
        Counts c = new Counts(r.stream().filter(x -> !x.exact()).toList(), w.stream().filter(x -> !x.ok()).toList());
        System.out.printf("FIGURE %s: %d reads (%d failed), %d writes (%d failed)%n", during, r.size(),
                c.badReads().size(), w.size(), c.badWrites().size());
        assertFalse(r.isEmpty() || w.isEmpty(), "the load ran");
        return c;
    }

    @Override
    public void close() {
        reads.close();
        writes.close();
    }
}
