package io.floe.persistence.sliver;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import java.util.regex.Pattern;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns stored bytes back into values, refusing with a typed exception whatever is not what Floe wrote. */
final class StoredValues {
    private static final Pattern TABLE_FILE = Pattern.compile("\\d+\\.sst\\b");

    private StoredValues() {
    }

    /** Parses and verifies stored metadata, which must belong to the blob ID it is stored under. */
    static VerifiedMetadata metadata(BlobId id, byte[] value) {
        VerifiedMetadata metadata;
        try {
            metadata = VerifiedMetadata.fromBcs(value);
        } catch (RuntimeException e) {
            throw new CorruptMetadataException(id, e);
        }
        if (!metadata.blobId().equals(id)) {
            throw new CorruptMetadataException(id,
                new IllegalStateException("it is the metadata of blob " + metadata.blobId()));
        }
        return metadata;
    }

    static Sliver sliver(ShardIndex shard, SliverType type, BlobId id, byte[] value) {
        try {
            return Sliver.fromBcs(type, value);
        } catch (RuntimeException e) {
            throw new CorruptSliverException(shard, type, id, e);
        }
    }

    static BlobId blobId(SliverFamily family, byte[] key) {
        if (key.length != BlobId.LENGTH) {
            throw new SliverStoreException("family " + family.name() + " holds a key of " + key.length
                + " bytes, not a blob ID", true);
        }
        return BlobId.of(key);
    }

    /** Whether RocksDB itself found the stored bytes damaged (a block checksum mismatch, for instance). */
    static boolean isCorruption(Throwable e) {
        if (!(e instanceof RocksDBException rocks)) {
            return false;
        }
        Status status = rocks.getStatus();
        return status != null && status.getCode() == Status.Code.Corruption;
    }

    /**
     * Whether the damage RocksDB found is in a table file: its message names the file ("block checksum mismatch ...
     * in /dir/000009.sst offset 0 size 3997"), while a damaged blob-file value reads "Blob CRC mismatch".
     */
    static boolean isTableCorruption(Throwable e) {
        return isCorruption(e) && e.getMessage() != null && TABLE_FILE.matcher(e.getMessage()).find();
    }
}
