package io.floe.persistence.sliver;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;

/**
 * A stored sliver that does not parse as the {@code SliverData} Floe wrote (or that RocksDB reports as corrupt).
 * The store never hands out such bytes; the caller can treat the sliver as missing and recover it.
 */
public final class CorruptSliverException extends SliverStoreException {
    private static final long serialVersionUID = 1L;

    private final transient ShardIndex shard;
    private final SliverType type;
    private final transient BlobId blobId;

    public CorruptSliverException(ShardIndex shard, SliverType type, BlobId blobId, Throwable cause) {
        super("stored " + type.pathName() + " sliver of blob " + blobId + " on shard " + shard.value()
            + " is corrupt: " + cause.getMessage(), cause);
        this.shard = shard;
        this.type = type;
        this.blobId = blobId;
    }

    public ShardIndex shard() {
        return shard;
    }

    public SliverType type() {
        return type;
    }

    public BlobId blobId() {
        return blobId;
    }

    @Override
    public boolean isCorruption() {
        return true;
    }
}
