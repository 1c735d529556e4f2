package io.floe.encoding.redstuff;

import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.metadata.EncodingType;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Red Stuff RS2 encoder, bit-compatible with Walrus: the blob, zero-padded, is an np x ns matrix of symbols; columns
 * are extended to n rows with the primary code (rows = primary slivers), rows to n columns with the secondary code
 * (columns = secondary slivers). Each axis is one batched Reed-Solomon call over all its codewords.
 */
public final class BlobEncoder {
    private final EncodingConfig config;
    private final GfKernel kernel;
    /** Arrays of the last {@link #computeMetadata}, for the next one (null while a call has them). */
    private final AtomicReference<EncoderBuffers> spare = new AtomicReference<>();

    public BlobEncoder(EncodingConfig config) {
        this(config, GfKernels.defaultKernel());
    }

    public BlobEncoder(EncodingConfig config, GfKernel kernel) {
        this.config = config;
        this.kernel = kernel;
    }

    /** Encodes a blob into all slivers and its metadata. */
    public EncodedBlob encode(byte[] blob) {
        return encode(blob, EncoderBuffers.fresh());
    }

    /**
     * Only the metadata (and so the blob ID): the same work as {@link #encode}, in arrays this encoder keeps for its
     * next call of the same shape (a caller hashing many blobs, a file's chunks or a benchmark, allocates once).
     * Calls at the same time each get arrays of their own; the encoder keeps one set, released with it.
     */
    public VerifiedMetadata computeMetadata(byte[] blob) {
        EncoderBuffers buffers = spare.getAndSet(null);
        if (buffers == null) {
            buffers = EncoderBuffers.reused();
        }
        VerifiedMetadata metadata = encode(blob, buffers).metadata();
        spare.set(buffers);
        return metadata;
    }

    private EncodedBlob encode(byte[] blob, EncoderBuffers buffers) {
        int s = config.symbolSize(blob.length);
        byte[][] primary = primarySlivers(blob, s, buffers);
        byte[][] secondary = secondarySlivers(primary, s, buffers);
        byte[][] corner = corner(secondary, s, buffers);
        BlobMetadata metadata = new BlobMetadata(EncodingType.RS2, blob.length,
            new ExpandedMatrixHasher(config, s, primary, secondary, corner).pairHashes());
        BlobId id = metadata.computeBlobId();
        return new EncodedBlob(config, s, primary, secondary, new VerifiedMetadata(id, metadata));
    }

    /** Rows 0..np-1 are the blob itself (systematic); rows np..n-1 come from the primary (column) code. */
    private byte[][] primarySlivers(byte[] blob, int s, EncoderBuffers buffers) {
        int n = config.nShards();
        int np = config.primarySourceSymbols();
        int rowBytes = config.primarySliverBytes(s);
        byte[][] rows;
        if (buffers.reusing()) {
            rows = buffers.get(EncoderBuffers.Role.PRIMARY, n, rowBytes);
            IntStream.range(0, np).parallel().forEach(r -> EncoderBuffers.fillSourceRow(blob, r, rows[r]));
        } else {
            // Fresh rows are copied out of the blob as they are made, without zeroing them first.
            rows = Arrays.copyOf(SourceMatrix.rows(config, blob, s), n);
            IntStream.range(np, n).parallel().forEach(r -> rows[r] = new byte[rowBytes]);
        }
        AxisCoder.encodeInPlace(kernel, Arrays.copyOf(rows, np), Arrays.copyOfRange(rows, np, n),
            config.secondarySourceSymbols(), s, true);
        return rows;
    }

    /** Columns 0..ns-1 are the source columns; columns ns..n-1 come from the secondary (row) code. */
    private byte[][] secondarySlivers(byte[][] primary, int s, EncoderBuffers buffers) {
        int n = config.nShards();
        int np = config.primarySourceSymbols();
        int ns = config.secondarySourceSymbols();
        byte[][] columns = buffers.get(EncoderBuffers.Role.SECONDARY, n, np * s);
        SourceMatrix.columnsInto(config, primary, s, columns);
        AxisCoder.encodeInPlace(kernel, Arrays.copyOf(columns, ns), Arrays.copyOfRange(columns, ns, n), np, s, true);
        return columns;
    }

    /** Rows np..n-1 restricted to columns ns..n-1: the primary code applied to the secondary recovery columns. */
    private byte[][] corner(byte[][] secondary, int s, EncoderBuffers buffers) {
        int n = config.nShards();
        int np = config.primarySourceSymbols();
        int ns = config.secondarySourceSymbols();
        int width = n - ns;
        byte[][] rows = buffers.get(EncoderBuffers.Role.CORNER_ROWS, np, width * s);
        IntStream.range(0, np).parallel().forEach(r -> {
            for (int j = ns; j < n; j++) {
                System.arraycopy(secondary[j], r * s, rows[r], (j - ns) * s, s);
            }
        });
        byte[][] recovery = buffers.get(EncoderBuffers.Role.CORNER_RECOVERY, n - np, width * s);
        AxisCoder.encodeInPlace(kernel, rows, recovery, width, s, false);
        return recovery;
    }
}
