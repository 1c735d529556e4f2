package io.floe.node.healing;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;

/** What the scrubber asks for when it finds damage (the node's event processor does both). */
interface ScrubRepairs {
    /** Something stored of the blob was damaged and is deleted now: rebuild what the node lacks of it. */
    void recheck(BlobId blobId);

    /**
     * A table file of this family is damaged (RocksDB can neither read its block nor ever compact the family again):
     * drop the family and rebuild its slivers.
     */
    void dropDamagedFamily(ShardIndex shard, SliverType type);

    /** As {@link #dropDamagedFamily}, for the family holding every blob's metadata: drop it and fetch it again. */
    void dropDamagedMetadata();
}
