package io.floe.encoding.rs;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Systematic Reed-Solomon over GF(2^16), bit-identical to reed-solomon-simd 3.x: {@link #encode} gives the crate's
 * recovery shards, {@link #decode} restores missing originals from any {@code k} shards with the crate's exact
 * procedure (all supplied shards take part). Shards use the crate's byte layout. Work is split into chunks of
 * lanes that run in parallel on all cores; memory beyond the shards is one cache-sized work array per thread.
 */
public final class ReedSolomon {
    private final RsParameters params;
    private final GfKernel kernel;

    public ReedSolomon(RsParameters params) {
        this(params, GfKernels.defaultKernel());
    }

    public ReedSolomon(RsParameters params, GfKernel kernel) {
        this.params = params;
        this.kernel = kernel;
    }

    public RsParameters parameters() {
        return params;
    }

    /**
     * True when {@link #encodeSymbolRuns} takes runs of symbols of {@code symbolBytes} bytes on this codec's kernel:
     * the native engine, for symbols it can place in blocks with little padding (one block per symbol's tail: up
     * to an eighth more work). Otherwise a caller lays its symbols out as shards itself and calls
     * {@link #encode(byte[][], byte[][])}.
     */
    public boolean encodesSymbolRuns(int symbolBytes) {
        return kernel instanceof NativeKernel && symbolBytes >= 2 && symbolBytes % 2 == 0
            && params.shardBytes() % symbolBytes == 0
            && NativeCodec.symbolBlocks(symbolBytes) * 64L * 8 <= symbolBytes * 9L;
    }

    /**
     * As {@link #encode(byte[][], byte[][])}, for shards that are runs of symbols of {@code symbolBytes} bytes, each
     * symbol in the crate's byte layout and each symbol position its own codeword (Red Stuff's slivers): the
     * recovery runs come out in the same layout, and nothing is packed or copied in Java. Only where
     * {@link #encodesSymbolRuns} says so.
     */
    public void encodeSymbolRuns(byte[][] originals, byte[][] recovery, int symbolBytes) {
        if (!encodesSymbolRuns(symbolBytes)) {
            throw new UnsupportedOperationException(kernel.name() + " does not encode runs of " + symbolBytes
                + "-byte symbols in shards of " + params.shardBytes());
        }
        checkShards(originals, params.originalCount(), false);
        checkShards(recovery, params.recoveryCount(), false);
        NativeCodec.encodeSymbols((NativeKernel) kernel, params, originals, recovery, symbolBytes);
    }

    /** Returns the {@code m} recovery shards of the given {@code k} originals. */
    public byte[][] encode(byte[][] originals) {
        byte[][] recovery = new byte[params.recoveryCount()][params.shardBytes()];
        encode(originals, recovery);
        return recovery;
    }

    /** Writes the recovery shards of {@code originals} into {@code recovery} (m arrays of shardBytes). */
    public void encode(byte[][] originals, byte[][] recovery) {
        checkShards(originals, params.originalCount(), false);
        checkShards(recovery, params.recoveryCount(), false);
        if (kernel instanceof NativeKernel) {
            NativeCodec.encode((NativeKernel) kernel, params, originals, recovery);
            return;
        }
        int k = params.originalCount();
        int m = params.recoveryCount();
        int c = params.chunk();
        int rows = params.highRate() ? c * ceilDiv(k, c) : c * ceilDiv(m, c);
        ShardChunks chunks = new ShardChunks(params.shardBytes(), rows);
        forEachChunk(chunks, () -> new byte[rows][chunks.rowBytes()], (work, chunk) -> {
            int len = chunks.length(chunk);
            for (int i = 0; i < k; i++) {
                chunks.load(originals[i], work[i], chunk);
            }
            if (params.highRate()) {
                encodeHighRate(work, rows, len);
            } else {
                encodeLowRate(work, len);
            }
            for (int j = 0; j < m; j++) {
                chunks.store(work[j], recovery[j], chunk);
            }
        });
    }

    /** RS16-SPEC.md §5.3: originals sit at points C + i, recovery j at point j. */
    private void encodeHighRate(byte[][] a, int rows, int len) {
        int k = params.originalCount();
        int c = params.chunk();
        for (int i = k; i < rows; i++) {
            Arrays.fill(a[i], 0, len, (byte) 0);
        }
        for (int q = 0; q * c < rows; q++) {
            Fft.ifft(kernel, a, q * c, c, Math.min(c, k - q * c), q * c + c, len);
            if (q > 0) {
                for (int i = 0; i < c; i++) {
                    kernel.xor(a[i], a[q * c + i], 0, len);
                }
            }
        }
        Fft.fft(kernel, a, 0, c, params.recoveryCount(), 0, len);
    }

    /** RS16-SPEC.md §5.4: originals sit at points i, recovery j at point C + j. */
    private void encodeLowRate(byte[][] a, int len) {
        int k = params.originalCount();
        int m = params.recoveryCount();
        int c = params.chunk();
        for (int i = k; i < c; i++) {
            Arrays.fill(a[i], 0, len, (byte) 0);
        }
        Fft.ifft(kernel, a, 0, c, k, 0, len);
        for (int q = 1; q * c < m; q++) {
            for (int i = 0; i < c; i++) {
                System.arraycopy(a[i], 0, a[q * c + i], 0, len);
            }
        }
        for (int q = 0; q * c < m; q++) {
            Fft.fft(kernel, a, q * c, c, Math.min(c, m - q * c), q * c + c, len);
        }
    }

    /**
     * Restores every missing original. {@code originals} has k entries and {@code recovery} m entries, null where a
     * shard was not received. Returns all k originals: the received arrays as given, the missing ones restored.
     */
    public byte[][] decode(byte[][] originals, byte[][] recovery) {
        checkShards(originals, params.originalCount(), true);
        checkShards(recovery, params.recoveryCount(), true);
        int received = countPresent(originals) + countPresent(recovery);
        if (received < params.originalCount()) {
            throw new NotEnoughShardsException(received, params.originalCount());
        }
        byte[][] result = originals.clone();
        if (countPresent(originals) == params.originalCount()) {
            return result;
        }
        DecodePlan plan = new DecodePlan(params, originals, recovery);
        for (int i = 0; i < result.length; i++) {
            if (result[i] == null) {
                result[i] = new byte[params.shardBytes()];
            }
        }
        if (kernel instanceof NativeKernel) {
            NativeCodec.decode((NativeKernel) kernel, params, plan, result);
            return result;
        }
        ShardChunks chunks = new ShardChunks(params.shardBytes(), plan.workLength());
        forEachChunk(chunks, () -> new byte[plan.workLength()][chunks.rowBytes()],
            (work, chunk) -> decodeChunk(plan, chunks, work, chunk, result));
        return result;
    }

    private void decodeChunk(DecodePlan plan, ShardChunks chunks, byte[][] w, int chunk, byte[][] result) {
        int len = chunks.length(chunk);
        for (int p = 0; p < plan.workLength(); p++) {
            byte[] shard = plan.receivedAt(p);
            if (shard == null) {
                Arrays.fill(w[p], 0, len, (byte) 0);
            } else {
                chunks.load(shard, w[p], chunk);
                kernel.mul(w[p], w[p], 0, len, plan.locatorLog(p));
            }
        }
        Fft.ifft(kernel, w, 0, plan.workLength(), plan.end(), 0, len);
        Fft.formalDerivative(kernel, w, plan.workLength(), len);
        Fft.fft(kernel, w, 0, plan.workLength(), plan.end(), 0, len);
        for (int i = 0; i < params.originalCount(); i++) {
            if (plan.isMissingOriginal(i)) {
                int p = plan.originalPoint(i);
                kernel.mul(w[p], w[p], 0, len, Gf16.MODULUS - plan.locatorLog(p));
                chunks.store(w[p], result[i], chunk);
            }
        }
    }

    /** Runs {@code body} on every chunk, spread over the cores, each task with its own work array. */
    static <W> void forEachChunk(ShardChunks chunks, Supplier<W> newWork, BiConsumer<W, Integer> body) {
        forEachPiece(chunks.count(), newWork, work -> { }, body);
    }

    /** As {@link #forEachChunk(ShardChunks, Supplier, BiConsumer)}, handing each task's work array to {@code done}. */
    static <W> void forEachChunk(ShardChunks chunks, Supplier<W> newWork, Consumer<W> done,
                                 BiConsumer<W, Integer> body) {
        forEachPiece(chunks.count(), newWork, done, body);
    }

    /**
     * Runs {@code body} on pieces 0..count-1 (chunks, or groups of them), spread over the cores: each task takes
     * every {@code tasks}-th piece with a work array of its own, which it hands to {@code done} at its end.
     */
    static <W> void forEachPiece(int count, Supplier<W> newWork, Consumer<W> done, BiConsumer<W, Integer> body) {
        int tasks = Math.min(count, Runtime.getRuntime().availableProcessors());
        IntStream stream = IntStream.range(0, tasks);
        (tasks > 1 ? stream.parallel() : stream).forEach(task -> {
            W work = newWork.get();
            try {
                for (int c = task; c < count; c += tasks) {
                    body.accept(work, c);
                }
            } finally {
                done.accept(work);
            }
        });
    }

    private void checkShards(byte[][] shards, int expectedCount, boolean nullable) {
        if (shards.length != expectedCount) {
            throw new IllegalArgumentException("expected " + expectedCount + " shard slots, got " + shards.length);
        }
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] == null) {
                if (!nullable) {
                    throw new IllegalArgumentException("shard " + i + " is missing");
                }
            } else if (shards[i].length != params.shardBytes()) {
                throw new InvalidShardSizeException(i, shards[i].length, params.shardBytes());
            }
        }
    }

    static int countPresent(byte[][] shards) {
        int n = 0;
        for (byte[] s : shards) {
            if (s != null) {
                n++;
            }
        }
        return n;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
