package io.floe.encoding.redstuff;

import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.metadata.EncodingType;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Red Stuff RS2 encoder, bit-compatible with Walrus: the blob, zero-padded, is an np x ns matrix of symbols; columns
 * are extended to n rows with the primary code (rows = primary slivers), rows to n columns with the secondary code
 * (columns = secondary slivers). Each axis is one batched Reed-Solomon call over all its codewords.
 */
public final class BlobEncoder {
    private final EncodingConfig config;
    private final GfKernel kernel;

    public BlobEncoder(EncodingConfig config) {
        this(config, GfKernels.defaultKernel());
    }

    public BlobEncoder(EncodingConfig config, GfKernel kernel) {
        this.config = config;
        this.kernel = kernel;
    }

    /** Encodes a blob into all slivers and its metadata. */
    public EncodedBlob encode(byte[] blob) {
        int s = config.symbolSize(blob.length);
        byte[][] primary = primarySlivers(blob, s);
        byte[][] secondary = secondarySlivers(primary, s);
        byte[][] corner = corner(secondary, s);
        BlobMetadata metadata = new BlobMetadata(EncodingType.RS2, blob.length,
            new ExpandedMatrixHasher(config, s, primary, secondary, corner).pairHashes());
        BlobId id = metadata.computeBlobId();
        return new EncodedBlob(config, s, primary, secondary, new VerifiedMetadata(id, metadata));
    }

    /** Only the metadata (and so the blob ID): the same work as {@link #encode}, the slivers left to the GC. */
    public VerifiedMetadata computeMetadata(byte[] blob) {
        return encode(blob).metadata();
    }

    /** Rows 0..np-1 are the blob itself (systematic); rows np..n-1 come from the primary (column) code. */
    private byte[][] primarySlivers(byte[] blob, int s) {
        int n = config.nShards();
        int np = config.primarySourceSymbols();
        byte[][] source = SourceMatrix.rows(config, blob, s);
        byte[][] rows = Arrays.copyOf(source, n);
        byte[][] recovery = AxisCoder.encodeInPlace(kernel, source, n - np, config.secondarySourceSymbols(), s, true);
        System.arraycopy(recovery, 0, rows, np, n - np);
        return rows;
    }

    /** Columns 0..ns-1 are the source columns; columns ns..n-1 come from the secondary (row) code. */
    private byte[][] secondarySlivers(byte[][] primary, int s) {
        int n = config.nShards();
        int np = config.primarySourceSymbols();
        int ns = config.secondarySourceSymbols();
        byte[][] source = SourceMatrix.columns(config, primary, s);
        byte[][] columns = Arrays.copyOf(source, n);
        byte[][] recovery = AxisCoder.encodeInPlace(kernel, source, n - ns, np, s, true);
        System.arraycopy(recovery, 0, columns, ns, n - ns);
        return columns;
    }

    /** Rows np..n-1 restricted to columns ns..n-1: the primary code applied to the secondary recovery columns. */
    private byte[][] corner(byte[][] secondary, int s) {
        int n = config.nShards();
        int np = config.primarySourceSymbols();
        int ns = config.secondarySourceSymbols();
        int width = n - ns;
        byte[][] rows = new byte[np][];
        IntStream.range(0, np).parallel().forEach(r -> {
            byte[] row = new byte[width * s];
            for (int j = ns; j < n; j++) {
                System.arraycopy(secondary[j], r * s, row, (j - ns) * s, s);
            }
            rows[r] = row;
        });
        return AxisCoder.encodeInPlace(kernel, rows, n - np, width, s, false);
    }
}
