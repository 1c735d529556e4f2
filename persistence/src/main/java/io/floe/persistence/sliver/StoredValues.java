package io.floe.persistence.sliver;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns stored bytes back into values, refusing with a typed exception whatever is not what Floe wrote. */
final class StoredValues {
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
                + " bytes, not a blob ID");
        }
        return BlobId.of(key);
    }

    /** Whether RocksDB itself found the stored bytes damaged (a block checksum mismatch, for instance). */
    static boolean isCorruption(RocksDBException e) {
        Status status = e.getStatus();
        return status != null && status.getCode() == Status.Code.Corruption;
    }
}
