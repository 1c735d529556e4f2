package io.floe.node.healing;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.InconsistencyProof;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.persistence.sliver.SliverStore;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for peers: "recovers" a pair by storing it from the encoded blob the test registered, unless the test
 * asked it to fail a number of times or to find the blob inconsistent. Records every call. Also a reporter that
 * refuses a set number of reports before it accepts.
 */
final class FakeRecovery implements PairRecovery, InconsistencyReporter {
    record Call(BlobId blobId, SliverPairIndex pair) {
    }

    static final InconsistencyProof PROOF = new InconsistencyProof(SliverType.PRIMARY, new SliverIndex(0), List.of());

    volatile SliverStore store;
    final Map<BlobId, EncodedBlob> blobs = new ConcurrentHashMap<>();
    final Map<BlobId, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    final Set<BlobId> inconsistent = ConcurrentHashMap.newKeySet();
    final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    final Queue<BlobId> reports = new ConcurrentLinkedQueue<>();
    final AtomicInteger reportsRefused = new AtomicInteger();

    FakeRecovery(SliverStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<RecoveryOutcome> recover(BlobId blobId, SliverPairIndex pair) {
        calls.add(new Call(blobId, pair));
        return CompletableFuture.supplyAsync(() -> outcome(blobId, pair));
    }

    private RecoveryOutcome outcome(BlobId blobId, SliverPairIndex pair) {
        if (inconsistent.contains(blobId)) {
            return new RecoveryOutcome.Inconsistent(PROOF);
        }
        AtomicInteger failures = failuresLeft.get(blobId);
        if (failures != null && failures.getAndDecrement() > 0) {
            return new RecoveryOutcome.Failed("too few peers answered");
        }
        EncodedBlob blob = blobs.get(blobId);
        int n = blob.config().nShards();
        SliverPair slivers = blob.pair(pair);
        store.putMetadata(blob.metadata());
        store.putSliver(pair.shard(blobId.rotation(n), n), blobId, slivers.primary());
        store.putSliver(pair.shard(blobId.rotation(n), n), blobId, slivers.secondary());
        return new RecoveryOutcome.Rebuilt(2, 1000, slivers.primary().data().length + slivers.secondary().data().length);
    }

    long callsFor(BlobId blobId) {
        return calls.stream().filter(c -> c.blobId().equals(blobId)).count();
    }

    @Override
    public CompletionStage<Boolean> report(BlobId blobId, InconsistencyProof proof) {
        reports.add(blobId);
        return CompletableFuture.completedFuture(reportsRefused.getAndDecrement() <= 0);
    }
}
