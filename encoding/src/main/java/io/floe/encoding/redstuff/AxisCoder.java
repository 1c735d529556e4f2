package io.floe.encoding.redstuff;

import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.ReedSolomon;
import io.floe.encoding.rs.RsParameters;
import java.util.stream.IntStream;

/**
 * Encodes many codewords of one axis in a single Reed-Solomon call: each "shard" is a run of {@code width}
 * symbols (a whole row or column), packed with {@link SymbolPacking} so every symbol position is its own codeword.
 * The native engine takes the runs as they are where it can ({@link ReedSolomon#encodesSymbolRuns}): then nothing
 * is packed, and the sources are only read.
 */
final class AxisCoder {
    /** Largest per-thread unpacking buffer kept between calls (a 1 GiB blob's rows are ~3 MB at n = 1000). */
    private static final int MAX_RETAINED_SCRATCH = 4 << 20;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    private AxisCoder() {
    }

    /**
     * Computes {@code recoveryCount} runs of {@code width} symbols from {@code sources} (each {@code width} symbols),
     * returning them in symbol layout.
     */
    static byte[][] encode(GfKernel kernel, byte[][] sources, int recoveryCount, int width, int s) {
        int bytes = width * s;
        ReedSolomon rs = new ReedSolomon(new RsParameters(sources.length, recoveryCount, bytes), kernel);
        if (rs.encodesSymbolRuns(s)) {
            byte[][] recovery = new byte[recoveryCount][bytes];
            rs.encodeSymbolRuns(sources, recovery, s);
            return recovery;
        }
        byte[][] shards = new byte[sources.length][];
        // Packing is plain copying, memory-bound and as large as the matrix: spread it over the cores like RS.
        IntStream.range(0, sources.length).parallel().forEach(i -> shards[i] = toShard(sources[i], width, s));
        byte[][] recovery = new byte[recoveryCount][];
        IntStream.range(0, recoveryCount).parallel().forEach(j -> recovery[j] = new byte[bytes]);
        rs.encode(shards, recovery);
        if (!SymbolPacking.isIdentity(s)) {
            IntStream.range(0, recoveryCount).parallel().forEach(j -> unpackInPlace(recovery[j], width, s));
        }
        return recovery;
    }

    /**
     * As {@link #encode}, into the given {@code recovery} arrays (each {@code width * s} bytes, overwritten), and
     * without a second copy of the sources: each is packed in its own array (through a per-thread copy) and used
     * as the shard, then unpacked again when {@code restoreSources}, else left packed (for sources the caller drops
     * after; on the native engine's symbol runs they are never packed). The encoder's sources are slivers as large
     * as the blob: packing them into new arrays was a blob's worth of fresh memory per axis, to zero, and for the
     * young GC to copy while it was live.
     * {@code sources} must not be read by anyone else meanwhile, and are left packed if the encoding throws.
     */
    static void encodeInPlace(GfKernel kernel, byte[][] sources, byte[][] recovery, int width, int s,
                              boolean restoreSources) {
        int bytes = width * s;
        int recoveryCount = recovery.length;
        ReedSolomon rs = new ReedSolomon(new RsParameters(sources.length, recoveryCount, bytes), kernel);
        if (rs.encodesSymbolRuns(s)) {
            rs.encodeSymbolRuns(sources, recovery, s);
            return;
        }
        boolean identity = SymbolPacking.isIdentity(s);
        if (!identity) {
            IntStream.range(0, sources.length).parallel().forEach(i -> packInPlace(sources[i], width, s));
        }
        rs.encode(sources, recovery);
        if (!identity) {
            int restored = restoreSources ? sources.length : 0;
            IntStream.range(0, recoveryCount + restored).parallel().forEach(j -> unpackInPlace(
                j < recoveryCount ? recovery[j] : sources[j - recoveryCount], width, s));
        }
    }

    /** Packs a run of symbols into a wide shard in the same array, through the per-thread copy. */
    private static void packInPlace(byte[] symbols, int width, int s) {
        byte[] copy = scratch(symbols.length);
        System.arraycopy(symbols, 0, copy, 0, symbols.length);
        SymbolPacking.pack(copy, 0, width, s, symbols);
    }

    /** A per-thread array of at least {@code length} bytes, kept for the next call unless it is large. */
    private static byte[] scratch(int length) {
        byte[] copy = SCRATCH.get();
        if (copy.length < length) {
            copy = new byte[length];
            if (length <= MAX_RETAINED_SCRATCH) {
                SCRATCH.set(copy);
            }
        }
        return copy;
    }

    /** A run of symbols as a wide shard (the same array when packing is the identity). */
    static byte[] toShard(byte[] symbols, int width, int s) {
        if (SymbolPacking.isIdentity(s)) {
            return symbols;
        }
        byte[] shard = new byte[width * s];
        SymbolPacking.pack(symbols, 0, width, s, shard);
        return shard;
    }

    /**
     * Unpacks a wide shard into symbol layout in the same array, through a per-thread copy of it: the copy stays in
     * cache, where a fresh array per shard would be new memory to zero and fault in (the matrix's size per call).
     */
    private static void unpackInPlace(byte[] shard, int width, int s) {
        byte[] copy = scratch(shard.length);
        System.arraycopy(shard, 0, copy, 0, shard.length);
        SymbolPacking.unpack(copy, width, s, shard, 0);
    }

    /** A wide shard as a run of symbols (the same array when packing is the identity). */
    static byte[] fromShard(byte[] shard, int width, int s) {
        if (SymbolPacking.isIdentity(s)) {
            return shard;
        }
        byte[] symbols = new byte[width * s];
        SymbolPacking.unpack(shard, width, s, symbols, 0);
        return symbols;
    }
}
