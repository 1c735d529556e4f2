package io.floe.persistence.sliver;

import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.Sliver;
import java.util.Objects;

/** One sliver of a shard as a range read of {@link SliverStore#slivers} returns it, with the blob it belongs to. */
public record ShardSliver(BlobId blobId, Sliver sliver) {
    public ShardSliver {
        Objects.requireNonNull(blobId, "blobId");
        Objects.requireNonNull(sliver, "sliver");
    }
}
