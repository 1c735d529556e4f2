package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.HashBatch;
import io.floe.encoding.metadata.SliverPairMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The sliver hashes of a blob whose expanded matrix was written by {@link StreamedExpansion}: rows below np are read
 * from the blob's region, the rest from the sliver file. As in {@link ExpandedMatrixHasher}, each symbol is hashed
 * once for its row and its column, rows a block of {@code 2^h} at a time, and each column keeps one subtree root per
 * block; the heap holds one block's leaf hashes, those roots, and a read buffer per thread, never a whole sliver.
 */
final class SliverFileHasher {
    private static final int NODE = 32;
    /** Bytes read per call; a symbol larger than this is read whole. */
    static final int READ_BYTES = 1 << 20;

    private final SliverFileLayout layout;
    private final PositionalIo.Region region;
    private final FileChannel file;
    private final ThreadLocal<byte[]> buffers;

    SliverFileHasher(SliverFileLayout layout, PositionalIo.Region region, FileChannel file) {
        this.layout = layout;
        this.region = region;
        this.file = file;
        int s = layout.s();
        this.buffers = ThreadLocal.withInitial(() -> new byte[Math.max(1, READ_BYTES / s) * s]);
    }

    /** Heap this hasher holds at n for symbols of s bytes, with {@code threads} threads reading. */
    static long stateBytes(int n, int s, int threads) {
        return ExpandedMatrixHasher.stateBytes(n) + (long) threads * Math.max(READ_BYTES, s);
    }

    List<SliverPairMetadata> pairHashes() throws IOException {
        BlockedMatrixRoots roots = new BlockedMatrixRoots(layout.n());
        int rows = roots.blockRows();
        for (int first = 0; first < layout.n(); first += rows) {
            int count = Math.min(rows, layout.n() - first);
            hashBlock(first, count, roots);
            roots.rowsDone(first + count);
        }
        return roots.pairHashes();
    }

    /** Leaf hashes of rows {@code [first, first + count)}, one block of {@code roots}. */
    private void hashBlock(int first, int count, BlockedMatrixRoots roots) throws IOException {
        byte[] leaves = roots.leaves();
        int n = layout.n();
        int ns = layout.ns();
        int np = layout.np();
        int s = layout.s();
        // Tasks 0..count-1 hash the source-column part of a row; tasks from count on the rest of a column.
        int tasks = count + (n - ns);
        unchecked(() -> IntStream.range(0, tasks).parallel().forEach(t -> uncheckedRun(() -> {
            if (t < count) {
                int i = first + t;
                SymbolReader rowReader = i < np ? region::read : this::readFile;
                hashRun(rowReader, layout.primary(i), ns, leaves, roots.offset(i, 0), NODE);
            } else {
                int j = ns + t - count;
                int split = Math.max(first, Math.min(np, first + count));
                if (split > first) {
                    hashRun(this::readFile, layout.column(j, first), split - first, leaves, roots.offset(first, j),
                        n * NODE);
                }
                if (split < first + count) {
                    hashRun(this::readFile, layout.column(j, split), first + count - split, leaves,
                        roots.offset(split, j), n * NODE);
                }
            }
        })));
    }

    /** Hashes {@code count} consecutive symbols from {@code position}: leaf k to {@code out[outOff + k * stride]}. */
    private void hashRun(SymbolReader reader, long position, int count, byte[] out, int outOff, int stride)
            throws IOException {
        int s = layout.s();
        byte[] buffer = buffers.get();
        int perRead = buffer.length / s;
        HashBatch batch = HashBatch.leaves(s, out);
        for (int k = 0; k < count; k += perRead) {
            int m = Math.min(perRead, count - k);
            reader.read(position + (long) k * s, buffer, 0, m * s);
            for (int t = 0; t < m; t++) {
                batch.add(buffer, t * s, outOff + (k + t) * stride);
            }
            // The batch reads the buffer lazily: everything queued must be hashed before the buffer is refilled.
            batch.flush();
        }
    }

    private void readFile(long position, byte[] dst, int off, int len) throws IOException {
        PositionalIo.readFully(file, position, dst, off, len);
    }

    /** Reads {@code len} bytes of the matrix at {@code position} into {@code dst[off..]}. */
    @FunctionalInterface
    private interface SymbolReader {
        void read(long position, byte[] dst, int off, int len) throws IOException;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private static void uncheckedRun(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a parallel pass, giving back the IOException a task hit. */
    private static void unchecked(Runnable pass) throws IOException {
        try {
            pass.run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
