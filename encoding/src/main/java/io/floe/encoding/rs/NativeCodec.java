package io.floe.encoding.rs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * ReedSolomon's chunk loop on the native engine: per chunk, Java copies the shards' bytes into a direct work
 * buffer (rows {@code stride} bytes apart), one JNI call runs the whole encode or decode of that chunk in C, and
 * Java copies the results out (encode from 2 KiB chunks: C reads and writes the pinned shard arrays instead).
 * Invariant: every row index and length handed to C lies inside the buffer, which is sized here from the same
 * ShardChunks; buffers are reused from call to call, so a call allocates nothing large.
 */
final class NativeCodec {
    /**
     * Work buffers between calls, one per task of a call at most. Not thread locals: on JDK 25 the common pool's
     * workers, which run every call's second task, lose theirs whenever they go idle, as they do between calls, and
     * every call allocated (and zeroed and faulted in) a fresh direct buffer for them.
     */
    private static final ConcurrentLinkedDeque<ByteBuffer> SPARE_WORK = new ConcurrentLinkedDeque<>();
    /**
     * Encode's work-array budget on the nibble-table ISAs (AVX2, AVX-512BW): their per-step setup (eight table
     * registers per twiddle) wants longer rows, and at n = 1000 they gain from 4 MiB (4 KiB shards in one chunk: one
     * JNI call and one pinning of the recovery arrays) over 2 MiB by 3-11%, and more over the Java kernels' 512
     * KiB, even at 64 KiB shards. GFNI's setup is two registers and it does best at the default.
     */
    private static final int NIBBLE_ISA_BUDGET_BYTES = 4 * 1024 * 1024;
    /**
     * Chunk length from which encode pins the k original and m recovery arrays, so that C reads the originals
     * straight from them in its first IFFT layer and writes the results straight into them in its last FFT layer.
     * Pinning costs about 90 ns per array (four JNI calls), copying a row in or out of the work array about a fifth
     * of the encode at 2-4 KiB rows (measured at n = 1000: reading the pinned originals gained 5-8% at 4 KiB and
     * lost 4-18% at 1 KiB), so short chunks keep the copies.
     */
    private static final int DIRECT_MIN_BYTES = 2048;
    /**
     * Work-array budget of decode on every ISA. Decode runs a whole IFFT, formal derivative and FFT over all n
     * rows, more passes per byte than encode, so it wants its rows in L2 more than long: 334-of-1000 at 4 KiB
     * shards, one core, 1 MiB against the nibble ISAs' 4 MiB gave AVX2 231-242 against 183-196 MB/s (four runs
     * each), and against the default 512 KiB GFNI 318-342 against 281-322; 2 MiB and 512 KiB fell in between.
     */
    private static final int DECODE_BUDGET_BYTES = 1024 * 1024;
    /**
     * Work rows a call of {@link #encodeSymbols} runs through while it holds its arrays pinned: about 3 ms at
     * n = 1000, and pinning 1000 arrays (90 us) is 3% of it. (32 MiB was no faster, 4 MiB 5% slower.)
     */
    private static final long PINNED_WORK_BYTES = 8L << 20;
    private static final int AVX2 = 1; // RS_AVX2 and RS_AVX512 of floe_rs.h
    private static final int AVX512 = 2;

    private NativeCodec() {
    }

    static void encode(NativeKernel kernel, RsParameters params, byte[][] originals, byte[][] recovery) {
        int k = params.originalCount();
        int m = params.recoveryCount();
        int c = params.chunk();
        int rows = params.highRate() ? c * ceilDiv(k, c) : c * ceilDiv(m, c);
        ShardChunks chunks = encodeChunks(kernel, params.shardBytes(), rows);
        int stride = chunks.rowBytes();
        ReedSolomon.forEachChunk(chunks, () -> workBuffer(rows, stride), NativeCodec::release, (work, chunk) -> {
            int len = chunks.length(chunk);
            int offset = chunks.plainOffset(chunk);
            if (offset >= 0 && len >= DIRECT_MIN_BYTES) {
                NativeRs.encodeChunkTo(kernel.isa(), work, stride, len, k, m, c, params.highRate(), originals,
                    recovery, offset);
                return;
            }
            for (int i = 0; i < k; i++) {
                chunks.load(originals[i], work, i * stride, chunk);
            }
            NativeRs.encodeChunk(kernel.isa(), work, stride, len, k, m, c, params.highRate());
            for (int j = 0; j < m; j++) {
                chunks.store(work, j * stride, recovery[j], chunk);
            }
        });
    }

    /**
     * {@link ReedSolomon#encodeSymbolRuns}: the shards are runs of symbols of {@code s} bytes, encoded from and into
     * that layout by C (rs_symbols.c), which copies each chunk's blocks straight from the pinned arrays. A call
     * pins all k + m arrays once for a group of chunks of about {@link #PINNED_WORK_BYTES} of work rows, and
     * the groups are spread over the cores. At n = 1000 and 302-byte symbols (a 64 MiB blob) an axis encodes in
     * about 60% of the time of packing in Java around {@link #encode}.
     */
    static void encodeSymbols(NativeKernel kernel, RsParameters params, byte[][] originals, byte[][] recovery, int s) {
        int k = params.originalCount();
        int m = params.recoveryCount();
        int c = params.chunk();
        int rows = params.highRate() ? c * ceilDiv(k, c) : c * ceilDiv(m, c);
        // The blocks, laid end to end, are chunked as encode chunks a shard of as many bytes.
        int blocks = Math.toIntExact(params.shardBytes() / s * (long) symbolBlocks(s));
        int stride = encodeChunks(kernel, Math.toIntExact(blocks * 64L), rows).rowBytes();
        int callBlocks = stride / 64 * (int) Math.max(1, PINNED_WORK_BYTES / ((long) rows * stride));
        int calls = ceilDiv(blocks, callBlocks);
        ReedSolomon.forEachPiece(calls, () -> workBuffer(rows, stride), NativeCodec::release, (work, call) -> {
            int first = call * callBlocks;
            NativeRs.encodeSymbols(kernel.isa(), work, stride, k, m, c, params.highRate(), originals, recovery,
                params.shardBytes(), s, first, Math.min(blocks, first + callBlocks));
        });
    }

    /** 64-byte blocks a symbol of {@code s} bytes takes in rs_symbols.c: its whole blocks, and one for its tail. */
    static int symbolBlocks(int s) {
        return s / 64 + (s % 64 == 0 ? 0 : 1);
    }

    /** Restores the missing originals of {@code plan} into {@code result}'s (already allocated) arrays. */
    static void decode(NativeKernel kernel, RsParameters params, DecodePlan plan, byte[][] result) {
        int n = plan.workLength();
        int[] inLogs = new int[n];
        for (int p = 0; p < n; p++) {
            inLogs[p] = plan.receivedAt(p) == null ? -1 : plan.locatorLog(p);
        }
        int[] outPoints = new int[params.originalCount()];
        int[] outLogs = new int[params.originalCount()];
        int outCount = 0;
        for (int i = 0; i < params.originalCount(); i++) {
            if (plan.isMissingOriginal(i)) {
                outPoints[outCount] = plan.originalPoint(i);
                outLogs[outCount++] = Gf16.MODULUS - plan.locatorLog(plan.originalPoint(i));
            }
        }
        int missing = outCount;
        ShardChunks chunks = new ShardChunks(params.shardBytes(), n, DECODE_BUDGET_BYTES);
        int stride = chunks.rowBytes();
        ReedSolomon.forEachChunk(chunks, () -> workBuffer(n, stride), NativeCodec::release, (work, chunk) -> {
            for (int p = 0; p < n; p++) {
                if (inLogs[p] >= 0) {
                    chunks.load(plan.receivedAt(p), work, p * stride, chunk);
                }
            }
            NativeRs.decodeChunk(kernel.isa(), work, stride, chunks.length(chunk), n, plan.end(),
                inLogs, outPoints, outLogs, missing);
            for (int i = 0; i < missing; i++) {
                chunks.store(work, outPoints[i] * stride, result[outPoints[i] - plan.originalPoint(0)], chunk);
            }
        });
    }

    private static boolean isNibbleIsa(NativeKernel kernel) {
        return kernel.isa() == AVX2 || kernel.isa() == AVX512;
    }

    private static ShardChunks encodeChunks(NativeKernel kernel, int shardBytes, int rows) {
        return isNibbleIsa(kernel) ? new ShardChunks(shardBytes, rows, NIBBLE_ISA_BUDGET_BYTES)
            : new ShardChunks(shardBytes, rows);
    }

    /** A spare work buffer of at least rows x stride bytes, or a new one; 64-byte aligned (a block per cache line). */
    private static ByteBuffer workBuffer(int rows, int stride) {
        long bytes = (long) rows * stride;
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("work array of " + bytes + " bytes");
        }
        ByteBuffer work = SPARE_WORK.pollFirst();
        if (work == null || work.capacity() < bytes) {
            work = ByteBuffer.allocateDirect((int) bytes + 64).alignedSlice(64).order(ByteOrder.LITTLE_ENDIAN);
        }
        return work;
    }

    /** Keeps a task's work buffer for the next call, as many as there are cores (the most a call's tasks take). */
    private static void release(ByteBuffer work) {
        if (SPARE_WORK.size() < Runtime.getRuntime().availableProcessors()) {
            SPARE_WORK.offerFirst(work);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
