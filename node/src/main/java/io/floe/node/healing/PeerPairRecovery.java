package io.floe.node.healing;

import io.floe.api.json.ApiErrors;
import io.floe.api.node.NodeClient;
import io.floe.encoding.index.SliverIndex;
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
import java.util.ArrayList;
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
 * the first peer that has it (verified against the blob ID, stored), then the missing secondary slivers from
 * {@code np} symbols each and the missing primaries from {@code ns}, rebuilt by {@link SliverRebuild} for all the
 * asked pairs together (in batches of at most {@link RecoverySettings#batchBytes} of symbols: one request per peer
 * per batch), each checked against the metadata and stored on its pair's shard. Traffic is about one sliver per
 * rebuilt sliver, less when this node's other shards hold source slivers (its rebuilt secondaries count for the
 * primaries). Every outcome is recorded in the node's {@link HealingMetrics}; the returned stage never fails.
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
        return recover(blobId, List.of(pair));
    }

    @Override
    public CompletionStage<RecoveryOutcome> recover(BlobId blobId, List<SliverPairIndex> pairs) {
        if (pairs.isEmpty()) {
            return CompletableFuture.completedFuture(new RecoveryOutcome.AlreadyHeld());
        }
        Optional<Committee> current = committee.get();
        if (current.isEmpty()) {
            return CompletableFuture.completedFuture(
                    recorded(blobId, pairs, null, new RecoveryOutcome.Failed("no committee formed yet")));
        }
        PairRecoveryAttempt job = new PairRecoveryAttempt(blobId, pairs, current.get());
        CompletableFuture<RecoveryOutcome> run;
        try {
            run = start(job);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        return run.handle((outcome, failure) -> failure == null ? outcome
                : new RecoveryOutcome.Failed(String.valueOf(ApiErrors.unwrap(failure))))
                .thenApply(outcome -> recorded(blobId, pairs, job, outcome));
    }

    private CompletableFuture<RecoveryOutcome> start(PairRecoveryAttempt job) {
        return CompletableFuture.supplyAsync(() -> store.metadata(job.blobId), executor)
                .thenCompose(local -> local.isPresent() ? CompletableFuture.completedFuture(local)
                        : fetchMetadata(job, PeerPlan.order(job.committee, self, job.lead()), 0))
                .thenCompose(found -> {
                    if (found.isEmpty()) {
                        return CompletableFuture.completedFuture(
                                new RecoveryOutcome.Failed("no peer answered with the metadata of blob " + job.blobId));
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

    /** The secondaries first: once stored they are local sources for the primaries. */
    private CompletableFuture<RecoveryOutcome> rebuildMissing(PairRecoveryAttempt job) {
        return CompletableFuture.supplyAsync(() -> List.of(missing(job, SliverType.SECONDARY),
                missing(job, SliverType.PRIMARY)), executor).thenCompose(missing -> {
                    if (missing.get(0).isEmpty() && missing.get(1).isEmpty()) {
                        return CompletableFuture.completedFuture(new RecoveryOutcome.AlreadyHeld());
                    }
                    // A failed secondary does not stop the primaries (they are fetched from peers then); an
                    // inconsistency stops everything.
                    return rebuild(job, SliverType.SECONDARY, missing.get(0), 0).thenCompose(secondary ->
                            secondary.filter(RecoveryOutcome.Inconsistent.class::isInstance).isPresent()
                                    ? CompletableFuture.completedFuture(secondary)
                                    : rebuild(job, SliverType.PRIMARY, missing.get(1), 0)
                                            .thenApply(primary -> secondary.isPresent() && !(primary.orElse(null)
                                                    instanceof RecoveryOutcome.Inconsistent) ? secondary : primary))
                            .thenApply(stop -> stop.orElseGet(() ->
                                    new RecoveryOutcome.Rebuilt(job.slivers(), job.bytesFetched(), job.bytesRebuilt())));
                });
    }

    /** The slivers of {@code type} the job's pairs lack here. Blocking. */
    private List<SliverIndex> missing(PairRecoveryAttempt job, SliverType type) {
        List<SliverIndex> missing = new ArrayList<>();
        for (SliverPairIndex pair : job.pairs) {
            if (!store.hasSliver(job.shard(pair), type, job.blobId)) {
                missing.add(pair.sliverIndex(type, job.n));
            }
        }
        return missing;
    }

    /**
     * Rebuilds and stores {@code targets} from {@code from} on, a batch at a time; empty when all were, otherwise the
     * outcome that ends the recovery (the first inconsistency, else the first failure: later batches still run).
     */
    private CompletableFuture<Optional<RecoveryOutcome>> rebuild(PairRecoveryAttempt job, SliverType type,
                                                                 List<SliverIndex> targets, int from) {
        if (from >= targets.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        int to = Math.min(targets.size(), from + SliverRebuild.batchSize(job, type, settings.batchBytes()));
        return new SliverRebuild(job, node, type, targets.subList(from, to)).run()
                .thenApplyAsync(results -> stored(job, results), executor)
                .thenCompose(stop -> stop.filter(RecoveryOutcome.Inconsistent.class::isInstance).isPresent()
                        ? CompletableFuture.completedFuture(stop)
                        : rebuild(job, type, targets, to).thenApply(later -> stop.isPresent()
                                && !(later.orElse(null) instanceof RecoveryOutcome.Inconsistent) ? stop : later));
    }

    /** Stores every rebuilt sliver; empty when all were, else the first inconsistency or else the first failure. */
    private Optional<RecoveryOutcome> stored(PairRecoveryAttempt job, List<SliverRebuild.Result> results) {
        Optional<RecoveryOutcome> stop = Optional.empty();
        for (SliverRebuild.Result result : results) {
            if (result instanceof SliverRebuild.Done done) {
                store.putSliver(job.shard(done.sliver().type(), done.sliver().index()), job.blobId, done.sliver());
                job.rebuilt(done.sliver());
            } else if (result instanceof SliverRebuild.Inconsistent inconsistent) {
                if (!(stop.orElse(null) instanceof RecoveryOutcome.Inconsistent)) {
                    stop = Optional.of(new RecoveryOutcome.Inconsistent(inconsistent.proof()));
                }
            } else if (stop.isEmpty()) {
                stop = Optional.of(new RecoveryOutcome.Failed(((SliverRebuild.Failed) result).reason()));
            }
        }
        return stop;
    }

    private RecoveryOutcome recorded(BlobId blobId, List<SliverPairIndex> pairs, PairRecoveryAttempt job,
                                     RecoveryOutcome outcome) {
        // What a recovery that ended otherwise still rebuilt and stored counts too.
        if (!(outcome instanceof RecoveryOutcome.Rebuilt) && job != null && job.slivers() > 0) {
            metrics.recorded(new RecoveryOutcome.Rebuilt(job.slivers(), job.bytesFetched(), job.bytesRebuilt()));
        }
        metrics.recorded(outcome);
        List<Integer> indices = pairs.stream().map(SliverPairIndex::value).toList();
        if (outcome instanceof RecoveryOutcome.Rebuilt r) {
            LOG.info("blob {} pairs {} recovered: {} slivers, {} bytes fetched for {} bytes", blobId, indices,
                    r.slivers(), r.bytesFetched(), r.bytesRebuilt());
        } else if (outcome instanceof RecoveryOutcome.Inconsistent i) {
            LOG.warn("blob {} is inconsistently encoded: the {} sliver {} rebuilt from {} proven symbols does "
                    + "not match its hash", blobId, i.proof().targetType().pathName(),
                    i.proof().targetIndex().value(), i.proof().symbols().size());
        } else if (outcome instanceof RecoveryOutcome.Failed f) {
            LOG.info("blob {} pairs {} not all recovered (will be retried): {}", blobId, indices, f.reason());
        } else {
            LOG.debug("blob {} pairs {} already held", blobId, indices);
        }
        return outcome;
    }

    private NodeClient client(String url) {
        return clients.computeIfAbsent(url, u -> new NodeClient(http, URI.create(u), settings.requestTimeout()));
    }
}
