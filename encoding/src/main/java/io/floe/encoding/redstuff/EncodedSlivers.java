package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;

/**
 * An encoded blob as a writer uploads it: its verified metadata and its sliver pairs, one pair at a time. The pairs
 * may live on the heap ({@link EncodedBlob}) or in a file ({@link EncodedBlobFile}),
 * so a writer never needs all slivers in memory at once.
 */
public interface EncodedSlivers {
    EncodingConfig config();

    int symbolSize();

    VerifiedMetadata metadata();

    default BlobId blobId() {
        return metadata().blobId();
    }

    /** Sliver pair i: primary sliver i and secondary sliver n-1-i (read from disk where the slivers live there). */
    SliverPair pair(SliverPairIndex index);

    /**
     * One sliver of pair {@code index}: its primary or its secondary. Where the slivers live in a file, only that
     * sliver is read (a writer's batch of single slivers then reads each sliver once, not its whole pair).
     */
    default Sliver sliver(SliverPairIndex index, SliverType type) {
        SliverPair pair = pair(index);
        return type == SliverType.PRIMARY ? pair.primary() : pair.secondary();
    }

    /**
     * Copies the data of one sliver of pair {@code index} into {@code dst} from {@code offset} on (its length is the
     * type's sliver size). Where the slivers live in a file it is read straight there, with no array of its own.
     */
    default void readSliver(SliverPairIndex index, SliverType type, byte[] dst, int offset) {
        byte[] data = sliver(index, type).data();
        System.arraycopy(data, 0, dst, offset, data.length);
    }
}
