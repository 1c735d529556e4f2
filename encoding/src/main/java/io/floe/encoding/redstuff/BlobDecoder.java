package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.HashBatch;
import io.floe.encoding.merkle.MerkleTree;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;
import io.floe.encoding.rs.ReedSolomon;
import io.floe.encoding.rs.RsParameters;
import java.util.Arrays;
import java.util.Collection;

/**
 * Decodes a blob from any np primary slivers or any ns secondary slivers of one blob, then checks that the result
 * is the blob the metadata describes. Slivers are trusted to be individually verified already (readers verify
 * each against the metadata as it arrives); the consistency check catches a writer's inconsistent encoding.
 */
public final class BlobDecoder {
    /** How much to re-check after decoding. */
    public enum ConsistencyCheck {
        /** Walrus's default: re-hash the np systematic primary slivers and compare with the metadata. */
        DEFAULT,
        /** Re-encode the whole blob and compare the blob ID. */
        STRICT
    }

    /** Largest blob decoded into one array (the JVM refuses arrays of the last few int values). */
    public static final int MAX_BLOB_BYTES = Integer.MAX_VALUE - 8;

    private final VerifiedMetadata metadata;
    private final EncodingConfig config;
    private final int s;
    private final GfKernel kernel;

    public BlobDecoder(VerifiedMetadata metadata) {
        this(metadata, GfKernels.defaultKernel());
    }

    public BlobDecoder(VerifiedMetadata metadata, GfKernel kernel) {
        this.metadata = metadata;
        this.config = new EncodingConfig(metadata.metadata().nShards());
        this.s = config.symbolSize(metadata.metadata().unencodedLength());
        this.kernel = kernel;
    }

    /** Decodes from slivers of one type (at least np primary or ns secondary) and checks consistency. */
    public byte[] decode(Collection<Sliver> slivers, ConsistencyCheck check) {
        byte[] blob = decodeUnchecked(slivers);
        if (check == ConsistencyCheck.STRICT) {
            VerifiedMetadata again = new BlobEncoder(config, kernel).computeMetadata(blob);
            if (!again.blobId().equals(metadata.blobId())) {
                throw new InconsistentBlobException("decoded bytes re-encode to " + again.blobId()
                    + ", not " + metadata.blobId());
            }
        } else {
            checkSystematicHashes(blob);
        }
        return blob;
    }

    /** Decodes without any consistency check. */
    public byte[] decodeUnchecked(Collection<Sliver> slivers) {
        long length = metadata.metadata().unencodedLength();
        if (length > MAX_BLOB_BYTES) {
            throw BlobTooLargeException.forMemory(length, MAX_BLOB_BYTES);
        }
        SliverType type = commonType(slivers);
        int width = type == SliverType.PRIMARY ? config.secondarySourceSymbols() : config.primarySourceSymbols();
        int k = config.sourceSymbols(type);
        byte[][] sources = sourceSlivers(slivers, k, width);
        byte[] blob = new byte[(int) length];
        if (type == SliverType.PRIMARY) {
            copyRows(sources, blob);
        } else {
            copyColumns(sources, blob);
        }
        return blob;
    }

    private SliverType commonType(Collection<Sliver> slivers) {
        if (slivers.isEmpty()) {
            throw new NotEnoughSliversException("slivers", 0, config.primarySourceSymbols());
        }
        SliverType type = slivers.iterator().next().type();
        for (Sliver sliver : slivers) {
            if (sliver.type() != type) {
                // The caller collects slivers per axis; a mix is its bug, not a peer's.
                throw new IllegalArgumentException("decode takes slivers of one type, got primary and secondary");
            }
            if (sliver.symbolSize() != s) {
                throw SliverSizeException.symbolSize(sliver, s);
            }
            // A primary sliver is a row of ns symbols, a secondary one a column of np.
            int symbols = config.sourceSymbols(type.orthogonal());
            if (sliver.symbolCount() != symbols) {
                throw SliverSizeException.symbolCount(sliver, symbols);
            }
        }
        return type;
    }

    /**
     * The k source slivers of the axis: taken as they are when all were given (no arithmetic), else decoded from
     * the source slivers present plus recovery slivers in index order until k are in hand.
     */
    private byte[][] sourceSlivers(Collection<Sliver> slivers, int k, int width) {
        int n = config.nShards();
        byte[][] byIndex = byIndex(slivers, k);
        byte[][] originals = new byte[k][];
        byte[][] recovery = new byte[n - k][];
        int used = 0;
        for (int i = 0; i < n && used < k; i++) {
            if (byIndex[i] != null) {
                byte[] shard = AxisCoder.toShard(byIndex[i], width, s);
                if (i < k) {
                    originals[i] = shard;
                } else {
                    recovery[i - k] = shard;
                }
                used++;
            }
        }
        if (Arrays.stream(originals).allMatch(o -> o != null)) {
            return Arrays.copyOf(byIndex, k);
        }
        byte[][] decoded = new ReedSolomon(new RsParameters(k, n - k, width * s), kernel).decode(originals, recovery);
        for (int i = 0; i < k; i++) {
            decoded[i] = byIndex[i] != null ? byIndex[i] : AxisCoder.fromShard(decoded[i], width, s);
        }
        return decoded;
    }

    /** Sliver data by sliver index (the first of duplicates wins); at least k distinct indices are required. */
    private byte[][] byIndex(Collection<Sliver> slivers, int k) {
        int n = config.nShards();
        byte[][] byIndex = new byte[n][];
        int distinct = 0;
        for (Sliver sliver : slivers) {
            int i = SliverIndexOutOfRangeException.check(sliver.type(), sliver.index(), n).value();
            if (byIndex[i] == null) {
                byIndex[i] = sliver.data();
                distinct++;
            }
        }
        if (distinct < k) {
            throw new NotEnoughSliversException("distinct slivers", distinct, k);
        }
        return byIndex;
    }

    private void copyRows(byte[][] rows, byte[] blob) {
        int rowBytes = config.primarySliverBytes(s);
        for (int r = 0; r < rows.length && (long) r * rowBytes < blob.length; r++) {
            System.arraycopy(rows[r], 0, blob, r * rowBytes, Math.min(rowBytes, blob.length - r * rowBytes));
        }
    }

    private void copyColumns(byte[][] columns, byte[] blob) {
        int ns = config.secondarySourceSymbols();
        for (int r = 0; r < config.primarySourceSymbols(); r++) {
            for (int j = 0; j < ns; j++) {
                long at = ((long) r * ns + j) * s;
                if (at >= blob.length) {
                    return;
                }
                System.arraycopy(columns[j], r * s, blob, (int) at, (int) Math.min(s, blob.length - at));
            }
        }
    }

    /** Re-hashes the np systematic primary slivers (rows of the padded blob) against the metadata. */
    private void checkSystematicHashes(byte[] blob) {
        int n = config.nShards();
        int np = config.primarySourceSymbols();
        int ns = config.secondarySourceSymbols();
        byte[][] rows = SourceMatrix.rows(config, blob, s);
        byte[][] extra = AxisCoder.encode(kernel, SourceMatrix.columns(config, rows, s), n - ns, np, s);
        byte[] leaves = new byte[n * 32];
        HashBatch batch = HashBatch.leaves(s, leaves);
        for (int r = 0; r < np; r++) {
            for (int j = 0; j < n; j++) {
                byte[] src = j < ns ? rows[r] : extra[j - ns];
                batch.add(src, (j < ns ? j : r) * s, j * 32);
            }
            batch.flush();
            byte[] root = MerkleTree.rootOfLeafHashes(leaves, n);
            if (!Arrays.equals(root, metadata.metadata().sliverHash(SliverType.PRIMARY, new SliverIndex(r)).bytes())) {
                throw new InconsistentBlobException("decoded primary sliver " + r + " does not match its hash");
            }
        }
    }
}
