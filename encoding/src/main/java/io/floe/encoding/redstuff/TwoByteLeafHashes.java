package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.HashBatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leaf hashes of every possible 2-byte symbol, computed once per JVM (65,536 hashes, 2 MiB, a few ms in vector
 * lanes on one thread). Small blobs use 2-byte symbols, and at n = 1000 their expanded matrix has a million of
 * them: looking the leaf hashes up instead of computing them removes a third of the encoder's hashing. A smaller
 * matrix (a 1 KiB blob at n = 100 has 10,000) uses the table once it exists, or once this JVM has hashed enough
 * 2-byte leaves that building it would have paid: a node storing many small blobs builds it early on.
 */
final class TwoByteLeafHashes {
    /** Below this many expanded symbols (in one matrix, or in all so far), building the table costs more. */
    static final long WORTHWHILE_SYMBOLS = 4L * 65536;
    private static final AtomicLong HASHED = new AtomicLong();
    private static volatile boolean built;

    private TwoByteLeafHashes() {
    }

    /** Whether a matrix of {@code symbols} 2-byte symbols should look its leaves up (else it hashes them). */
    static boolean worthwhile(long symbols) {
        return built || symbols >= WORTHWHILE_SYMBOLS || HASHED.addAndGet(symbols) >= WORTHWHILE_SYMBOLS;
    }

    /** Builds the table now, if not yet, so that no parallel task is the one to build it. */
    static void ensureBuilt() {
        Table.load();
    }

    /** Copies the leaf hash of the 2-byte symbol at {@code src[off]} to {@code out[outOff]}. */
    static void copy(byte[] src, int off, byte[] out, int outOff) {
        int value = (src[off] & 0xFF) | (src[off + 1] & 0xFF) << 8;
        System.arraycopy(Table.TABLE, value * 32, out, outOff, 32);
    }

    /** Built on first use (class initialisation), so merely asking {@link #worthwhile} costs nothing. */
    private static final class Table {
        static final byte[] TABLE = build();

        /** Does nothing itself: calling it initialises the class, which builds the table on this thread. */
        static void load() {
        }

        private static byte[] build() {
            byte[] table = new byte[65536 * 32];
            byte[] symbols = new byte[65536 * 2];
            for (int v = 0; v < 65536; v++) {
                symbols[2 * v] = (byte) v;
                symbols[2 * v + 1] = (byte) (v >>> 8);
            }
            // One thread: class initialisation must not wait on pool workers, which may be blocked on it.
            HashBatch batch = HashBatch.leaves(2, table);
            for (int v = 0; v < 65536; v++) {
                batch.add(symbols, 2 * v, v * 32);
            }
            batch.flush();
            built = true;
            return table;
        }
    }
}
