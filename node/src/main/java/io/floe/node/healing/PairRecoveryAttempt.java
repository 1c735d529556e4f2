package io.floe.node.healing;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One recovery of one pair: what it works on, the peers it gave up on, and its traffic. The metadata is set once,
 * before any sliver is rebuilt; the counters only grow.
 */
final class PairRecoveryAttempt {
    final BlobId blobId;
    final SliverPairIndex pair;
    final Committee committee;
    final int n;
    final ShardIndex shard;
    /** Peers that failed or sent a bad symbol: not asked again by this recovery. */
    final Set<NodeId> skipped = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesFetched = new AtomicLong();
    private final AtomicLong bytesRebuilt = new AtomicLong();
    private final AtomicInteger slivers = new AtomicInteger();
    private volatile VerifiedMetadata metadata;

    PairRecoveryAttempt(BlobId blobId, SliverPairIndex pair, Committee committee) {
        this.blobId = blobId;
        this.pair = pair;
        this.committee = committee;
        this.n = committee.nShards();
        this.shard = pair.shard(blobId.rotation(n), n);
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
        return "blob " + blobId + " pair " + pair.value();
    }
}
