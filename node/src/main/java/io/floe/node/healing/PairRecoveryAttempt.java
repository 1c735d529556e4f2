package io.floe.node.healing;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One recovery of one blob's pairs on this node (one pair or several, rebuilt together): what it works on, the peers
 * it gave up on, and its traffic. The metadata is set once, before any sliver is rebuilt; the counters only grow.
 */
final class PairRecoveryAttempt {
    final BlobId blobId;
    final List<SliverPairIndex> pairs;
    final Committee committee;
    final int n;
    /** Peers that failed or sent a bad symbol: not asked again by this recovery. */
    final Set<NodeId> skipped = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesFetched = new AtomicLong();
    private final AtomicLong bytesRebuilt = new AtomicLong();
    private final AtomicInteger slivers = new AtomicInteger();
    private volatile VerifiedMetadata metadata;

    PairRecoveryAttempt(BlobId blobId, List<SliverPairIndex> pairs, Committee committee) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a recovery needs at least one pair");
        }
        this.blobId = blobId;
        this.pairs = List.copyOf(pairs);
        this.committee = committee;
        this.n = committee.nShards();
    }

    /** The pair the peer order is rotated by (the first one). */
    SliverPairIndex lead() {
        return pairs.get(0);
    }

    /** The shard holding the pair {@code pair}. */
    ShardIndex shard(SliverPairIndex pair) {
        return pair.shard(blobId.rotation(n), n);
    }

    /** The shard that holds the sliver {@code index} of type {@code type}. */
    ShardIndex shard(SliverType type, SliverIndex index) {
        return shard(SliverPairIndex.of(type, index, n));
    }

    VerifiedMetadata metadata() {
        return metadata;
    }

    void metadata(VerifiedMetadata verified) {
        this.metadata = verified;
    }

    void fetched(long bytes) {
        bytesFetched.addAndGet(bytes);
    }

    void rebuilt(Sliver sliver) {
        slivers.incrementAndGet();
        bytesRebuilt.addAndGet(sliver.data().length);
    }

    long bytesFetched() {
        return bytesFetched.get();
    }

    long bytesRebuilt() {
        return bytesRebuilt.get();
    }

    int slivers() {
        return slivers.get();
    }

    @Override
    public String toString() {
        return "blob " + blobId + (pairs.size() == 1 ? " pair " + lead().value() : " (" + pairs.size() + " pairs)");
    }
}
