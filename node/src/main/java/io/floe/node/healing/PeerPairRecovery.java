package io.floe.node.healing;

import io.floe.api.json.ApiErrors;
import io.floe.api.node.NodeClient;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PairRecovery} for a storage node, from its peers over the node API (DESIGN.md §6): the blob's metadata from
 * the first peer that has it (verified against the blob ID, stored), then the missing secondary sliver from
 * {@code np} symbols and the missing primary from {@code ns}, each rebuilt by {@link SliverRebuild}, checked against
 * the metadata and stored on the pair's shard. Traffic is about one sliver per rebuilt sliver, less when this node's
 * other shards hold source slivers. Every outcome is recorded in the node's {@link HealingMetrics}; the returned stage
 * never fails.
 *
 * <p>Blocking work (store reads and writes, expanding and decoding slivers) runs on the executor handed in; the HTTP
 * client's threads only parse answers.
 */
final class PeerPairRecovery implements PairRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(PeerPairRecovery.class);

    private final NodeId self;
    private final Supplier<Optional<Committee>> committee;
    private final SliverStore store;
    private final HttpClient http;
    private final HealingMetrics metrics;
    private final RecoverySettings settings;
    private final Executor executor;
    private final Map<String, NodeClient> clients = new ConcurrentHashMap<>();
    private final SliverRebuild.LocalNode node;

    public PeerPairRecovery(NodeId self, Supplier<Optional<Committee>> committee, SliverStore store, HttpClient http,
                            HealingMetrics metrics, RecoverySettings settings, Executor executor) {
        this.self = self;
        this.committee = committee;
        this.store = store;
        this.http = http;
        this.metrics = metrics;
        this.settings = settings;
        this.executor = executor;
        this.node = new SliverRebuild.LocalNode(self, store, settings, executor, peer -> client(peer.url()));
    }

    @Override
    public CompletionStage<RecoveryOutcome> recover(BlobId blobId, SliverPairIndex pair) {
        CompletableFuture<RecoveryOutcome> run;
        try {
            run = start(blobId, pair);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        return run.handle((outcome, failure) -> failure == null ? outcome
                : new RecoveryOutcome.Failed(String.valueOf(ApiErrors.unwrap(failure))))
                .thenApply(outcome -> recorded(blobId, pair, outcome));
    }

    private CompletableFuture<RecoveryOutcome> start(BlobId blobId, SliverPairIndex pair) {
        Optional<Committee> current = committee.get();
        if (current.isEmpty()) {
            return CompletableFuture.completedFuture(new RecoveryOutcome.Failed("no committee formed yet"));
        }
        PairRecoveryAttempt job = new PairRecoveryAttempt(blobId, pair, current.get());
        return CompletableFuture.supplyAsync(() -> store.metadata(blobId), executor)
                .thenCompose(local -> local.isPresent() ? CompletableFuture.completedFuture(local)
                        : fetchMetadata(job, PeerPlan.order(job.committee, self, pair), 0))
                .thenCompose(found -> {
                    if (found.isEmpty()) {
                        return CompletableFuture.completedFuture(
                                new RecoveryOutcome.Failed("no peer answered with the metadata of blob " + blobId));
                    }
                    job.metadata(found.get());
                    return rebuildMissing(job);
                });
    }

    /** Asks the peers one after another (metadata is small, one answer is enough); a wrong shard count is refused. */
    private CompletableFuture<Optional<VerifiedMetadata>> fetchMetadata(PairRecoveryAttempt job, List<StorageNodeInfo> peers,
                                                                       int next) {
        if (next >= peers.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        StorageNodeInfo peer = peers.get(next);
        CompletableFuture<Optional<VerifiedMetadata>> answer;
        try {
            answer = client(peer.storageUrl()).getMetadata(job.blobId);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((found, failure) -> {
            if (failure != null) {
                LOG.debug("{}: node {} gave no metadata: {}", job, peer.id(), ApiErrors.unwrap(failure).toString());
                return Optional.<VerifiedMetadata>empty();
            }
            return found.filter(m -> m.metadata().nShards() == job.n);
        }).thenCompose(found -> found.isPresent()
                ? CompletableFuture.supplyAsync(() -> storeMetadata(job, found.get()), executor)
                : fetchMetadata(job, peers, next + 1));
    }

    private Optional<VerifiedMetadata> storeMetadata(PairRecoveryAttempt job, VerifiedMetadata metadata) {
        store.putMetadata(metadata);
        // The answer's body is exactly this BCS.
        job.fetched(metadata.toBcs().length);
        return Optional.of(metadata);
    }

    /** The secondary first: once stored it is one more local source for the primary. */
    private CompletableFuture<RecoveryOutcome> rebuildMissing(PairRecoveryAttempt job) {
        return CompletableFuture.supplyAsync(() -> new boolean[] {
            store.hasSliver(job.shard, SliverType.SECONDARY, job.blobId),
            store.hasSliver(job.shard, SliverType.PRIMARY, job.blobId)}, executor).thenCompose(held -> {
                if (held[0] && held[1]) {
                    return CompletableFuture.completedFuture(new RecoveryOutcome.AlreadyHeld());
                }
                CompletableFuture<Optional<RecoveryOutcome>> secondary = held[0]
                        ? CompletableFuture.completedFuture(Optional.empty()) : rebuild(job, SliverType.SECONDARY);
                return secondary.thenCompose(stop -> stop.isPresent() || held[1]
                        ? CompletableFuture.completedFuture(stop) : rebuild(job, SliverType.PRIMARY))
                        .thenApply(stop -> stop.orElseGet(() ->
                                new RecoveryOutcome.Rebuilt(job.slivers(), job.bytesFetched(), job.bytesRebuilt())));
            });
    }

    /** Empty when the sliver was rebuilt and stored; otherwise the outcome that ends the recovery. */
    private CompletableFuture<Optional<RecoveryOutcome>> rebuild(PairRecoveryAttempt job, SliverType type) {
        return new SliverRebuild(job, node, type).run().thenApplyAsync(result -> {
            if (result instanceof SliverRebuild.Done done) {
                store.putSliver(job.shard, job.blobId, done.sliver());
                job.rebuilt(done.sliver());
                return Optional.empty();
            }
            if (result instanceof SliverRebuild.Inconsistent inconsistent) {
                return Optional.of(new RecoveryOutcome.Inconsistent(inconsistent.proof()));
            }
            return Optional.of(new RecoveryOutcome.Failed(((SliverRebuild.Failed) result).reason()));
        }, executor);
    }

    private RecoveryOutcome recorded(BlobId blobId, SliverPairIndex pair, RecoveryOutcome outcome) {
        metrics.recorded(outcome);
        if (outcome instanceof RecoveryOutcome.Rebuilt r) {
            LOG.info("blob {} pair {} recovered: {} slivers, {} bytes fetched for {} bytes", blobId, pair.value(),
                    r.slivers(), r.bytesFetched(), r.bytesRebuilt());
        } else if (outcome instanceof RecoveryOutcome.Inconsistent i) {
            LOG.warn("blob {} pair {} is inconsistently encoded: the {} sliver {} rebuilt from {} proven symbols does "
                    + "not match its hash", blobId, pair.value(), i.proof().targetType().pathName(),
                    i.proof().targetIndex().value(), i.proof().symbols().size());
        } else if (outcome instanceof RecoveryOutcome.Failed f) {
            LOG.info("blob {} pair {} not recovered (will be retried): {}", blobId, pair.value(), f.reason());
        } else {
            LOG.debug("blob {} pair {} already held", blobId, pair.value());
        }
        return outcome;
    }

    private NodeClient client(String url) {
        return clients.computeIfAbsent(url, u -> new NodeClient(http, URI.create(u), settings.requestTimeout()));
    }
}
