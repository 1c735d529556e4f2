package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.HashBatch;
import io.floe.encoding.metadata.SliverPairMetadata;
import io.floe.encoding.redstuff.ExpansionTiling.Stripe;
import io.floe.encoding.rs.GfKernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes the expanded matrix of a blob region into a sliver file ({@link SliverFileLayout}) one tile at a time
 * ({@link ExpansionTiling}), so the heap holds about one tile whatever the blob's size. First the column (primary)
 * code gives rows np..n-1; then the row (secondary) code over all n rows gives the secondary slivers' recovery
 * columns and the corner, and the hashes of every row and column. The source rows are read from the region itself.
 * With {@code keepSlivers} false (metadata only) the file gets only what a later step reads back: the recovery rows, and the recovery columns and corner
 * only when symbols are cut into stripes (whole rows are hashed as they are computed); it stays sparse elsewhere.
 */
final class StreamedExpansion {
    private final GfKernel kernel;
    private final SliverFileLayout layout;
    private final ExpansionTiling tiling;
    private final PositionalIo.Region region;
    private final FileChannel file;
    private final boolean keepSlivers;

    StreamedExpansion(GfKernel kernel, SliverFileLayout layout, ExpansionTiling tiling, PositionalIo.Region region,
            FileChannel file, boolean keepSlivers) {
        this.kernel = kernel;
        this.layout = layout;
        this.tiling = tiling;
        this.region = region;
        this.file = file;
        this.keepSlivers = keepSlivers;
    }

    /** Writes the matrix and answers its sliver pairs' hashes. */
    List<SliverPairMetadata> run() throws IOException {
        if (keepSlivers) {
            copySourceRows();
        }
        int block = tiling.block();
        for (Stripe stripe : tiling.stripes()) {
            for (int j = 0; j < layout.ns(); j += block) {
                expandColumns(j, Math.min(block, layout.ns() - j), stripe);
            }
        }
        // With whole symbols, the row code's tiles hold whole expanded rows: hash them there instead of reading
        // the matrix back. Stripes of symbols are hashed from the file afterwards.
        BlockedMatrixRoots roots = tiling.stripes().size() == 1 ? new BlockedMatrixRoots(layout.n()) : null;
        for (Stripe stripe : tiling.stripes()) {
            for (int i = 0; i < layout.n(); ) {
                int count = Math.min(block, rowsEnd(i, roots) - i);
                expandRows(i, count, stripe, roots);
                i += count;
            }
        }
        return roots != null ? roots.pairHashes() : new SliverFileHasher(layout, region, file).pairHashes();
    }

    /**
     * Where a block of rows from row i must end: at np (rows below it come from the region, the others from the
     * file) and at the end of the hasher's block of rows.
     */
    private int rowsEnd(int i, BlockedMatrixRoots roots) {
        int end = i < layout.np() ? layout.np() : layout.n();
        if (roots != null) {
            end = Math.min(end, (i / roots.blockRows() + 1) * roots.blockRows());
        }
        return end;
    }

    /** Primary slivers 0..np-1 are the zero-padded blob itself, so they are the region copied to the file's start. */
    private void copySourceRows() throws IOException {
        long done = 0;
        while (done < region.length()) {
            file.position(done);
            done += region.channel().transferTo(region.offset() + done, region.length() - done, file);
        }
    }

    /** Columns {@code [first, first + count)}, one stripe: their recovery symbols in rows np..n-1. */
    private void expandColumns(int first, int count, Stripe stripe) throws IOException {
        int np = layout.np();
        int len = count * stripe.width();
        long at = (long) first * layout.s() + stripe.from();
        byte[][] sources = new byte[np][];
        inParallel(np, r -> {
            sources[r] = new byte[len];
            region.read(layout.primary(r) + at, sources[r], 0, len);
        });
        byte[][] recovery = AxisCoder.encode(kernel, sources, layout.n() - np, count, stripe.width());
        inParallel(recovery.length,
            k -> PositionalIo.writeFully(file, layout.primary(np + k) + at, recovery[k], 0, len));
    }

    /** Rows {@code [first, first + count)}, one stripe: their symbols in every expanded column. */
    private void expandRows(int first, int count, Stripe stripe, BlockedMatrixRoots roots) throws IOException {
        int ns = layout.ns();
        int len = count * stripe.width();
        byte[][] columns = readColumns(first, count, stripe);
        byte[][] recovery = AxisCoder.encode(kernel, columns, layout.n() - ns, count, stripe.width());
        if (keepSlivers && first < layout.np()) {
            inParallel(ns, j -> PositionalIo.writeFully(file,
                layout.secondary(j) + (long) first * layout.s() + stripe.from(), columns[j], 0, len));
        }
        if (keepSlivers || roots == null) {
            // Only the slivers, or the hashing pass over the file, need the recovery columns and the corner.
            inParallel(recovery.length, k -> PositionalIo.writeFully(file,
                layout.column(ns + k, first) + stripe.from(), recovery[k], 0, len));
        }
        if (roots != null) {
            hashRows(first, count, columns, recovery, roots);
        }
    }

    /** Leaf hashes of whole expanded rows {@code [first, first + count)}, given as their n columns' pieces. */
    private void hashRows(int first, int count, byte[][] columns, byte[][] recovery, BlockedMatrixRoots roots) {
        int ns = layout.ns();
        int s = layout.s();
        IntStream.range(0, layout.n()).parallel().forEach(j -> {
            byte[] column = j < ns ? columns[j] : recovery[j - ns];
            HashBatch batch = HashBatch.leaves(s, roots.leaves());
            for (int r = 0; r < count; r++) {
                batch.add(column, r * s, roots.offset(first + r, j));
            }
            batch.flush();
        });
        roots.rowsDone(first + count);
    }

    /** The ns source columns of rows {@code [first, first + count)}, one stripe, each in symbol layout. */
    private byte[][] readColumns(int first, int count, Stripe stripe) throws IOException {
        int ns = layout.ns();
        int s = layout.s();
        int w = stripe.width();
        byte[][] columns = new byte[ns][];
        if (w == s) {
            // Whole symbols: the rows are contiguous in the region or the file, so one read per row and a transpose.
            byte[] rows = new byte[count * ns * s];
            inParallel(count, r -> readPrimary(first + r, 0, rows, r * ns * s, ns * s));
            inParallel(ns, j -> {
                columns[j] = new byte[count * s];
                for (int r = 0; r < count; r++) {
                    System.arraycopy(rows, (r * ns + j) * s, columns[j], r * s, s);
                }
            });
        } else {
            inParallel(ns, j -> {
                columns[j] = new byte[w];
                readPrimary(first, (long) j * s + stripe.from(), columns[j], 0, w);
            });
        }
        return columns;
    }

    /** {@code len} bytes of the primary slivers from row {@code row}'s byte {@code at} on. */
    private void readPrimary(int row, long at, byte[] dst, int off, int len) throws IOException {
        long position = layout.primary(row) + at;
        if (row < layout.np()) {
            region.read(position, dst, off, len);
        } else {
            PositionalIo.readFully(file, position, dst, off, len);
        }
    }

    /**
     * Runs {@code task} for 0..count-1 on the common pool: the page cache copies of a tile's reads and writes are as
     * large as its Reed-Solomon work, so they are spread over the cores like it.
     */
    private static void inParallel(int count, IndexedIo task) throws IOException {
        try {
            IntStream.range(0, count).parallel().forEach(i -> {
                try {
                    task.run(i);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface IndexedIo {
        void run(int index) throws IOException;
    }
}
