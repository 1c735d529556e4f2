package io.floe.node.healing;

import io.floe.api.json.ApiErrors;
import io.floe.api.node.NodeClient;
import io.floe.api.node.RecoverySymbolList.DecodingSymbol;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.InconsistencyDetectedException;
import io.floe.encoding.redstuff.InconsistencyProof;
import io.floe.encoding.redstuff.NotEnoughSliversException;
import io.floe.encoding.redstuff.RecoverySymbol;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverHashMismatchException;
import io.floe.encoding.redstuff.SliverRebuilder;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds one sliver of a job's pair (DESIGN.md §6): symbols from this node's own slivers of the other type first
 * (no traffic), the rest from peers. Proof-free first when the settings say so: exactly the symbols needed, and the
 * rebuilt sliver checked once against its hash. If that check fails, a peer lied or the writer encoded the blob
 * inconsistently; proven symbols tell which: they either rebuild the right sliver (and then show which peers lied,
 * who are skipped from then on) or prove the inconsistency. Nothing here stores; the result says what was found.
 */
final class SliverRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(SliverRebuild.class);

    sealed interface Result {
    }

    record Done(Sliver sliver) implements Result {
    }

    record Inconsistent(InconsistencyProof proof) implements Result {
    }

    record Failed(String reason) implements Result {
    }

    /** This node's side of a recovery: who it is, its store, and how it reaches peers. */
    record LocalNode(NodeId self, SliverStore store, RecoverySettings settings, Executor executor,
                     Function<PeerPlan.Peer, NodeClient> clients) {
    }

    private final PairRecoveryAttempt job;
    private final LocalNode node;
    private final SliverType targetType;
    private final SliverType sourceType;
    private final SliverIndex target;
    private final int needed;
    private final int symbolSize;
    private final int sourceSymbolCount;
    private final SliverRebuilder rebuilder;
    private final List<PeerPlan.Peer> peers;

    SliverRebuild(PairRecoveryAttempt job, LocalNode node, SliverType targetType) {
        this.job = job;
        this.node = node;
        this.targetType = targetType;
        this.sourceType = targetType.orthogonal();
        this.target = job.pair.sliverIndex(targetType, job.n);
        EncodingConfig config = new EncodingConfig(job.n);
        this.needed = config.sourceSymbols(sourceType);
        this.symbolSize = config.symbolSize(job.metadata().metadata().unencodedLength());
        // A source sliver of the other type holds as many symbols as the target's code has source symbols.
        this.sourceSymbolCount = config.sourceSymbols(targetType);
        this.rebuilder = new SliverRebuilder(job.metadata());
        this.peers = PeerPlan.peers(job.committee, node.self(), job.blobId, job.pair, sourceType);
    }

    /** Never fails: every problem is a {@link Failed} result. */
    CompletableFuture<Result> run() {
        CompletableFuture<Result> result = node.settings().proofFreeFirst() ? proofFree() : proven();
        return result.exceptionally(e -> new Failed(targetType.pathName() + " sliver " + target.value() + ": "
                + ApiErrors.unwrap(e)));
    }

    private CompletableFuture<Result> proofFree() {
        return CompletableFuture.supplyAsync(this::localDecodingSymbols, node.executor())
                .thenCompose(local -> fetch(decodingKind(), local, "decoding symbols"))
                .thenComposeAsync(fetched -> {
                    if (fetched.symbols().size() < needed) {
                        return CompletableFuture.completedFuture(tooFew(fetched.symbols().size()));
                    }
                    try {
                        return CompletableFuture.completedFuture(new Done(decode(fetched.symbols())));
                    } catch (SliverHashMismatchException e) {
                        LOG.info("{}: {} sliver {} rebuilt from decoding symbols fails its hash; fetching proven symbols",
                                job, targetType.pathName(), target.value());
                        return proven().thenApply(result -> blameLiars(result, fetched));
                    }
                }, node.executor());
    }

    private CompletableFuture<Result> proven() {
        return CompletableFuture.supplyAsync(this::localProvenSymbols, node.executor())
                .thenCompose(local -> fetch(provenKind(), local, "proven symbols"))
                .thenApplyAsync(fetched -> {
                    if (fetched.symbols().size() < needed) {
                        return tooFew(fetched.symbols().size());
                    }
                    try {
                        return new Done(rebuilder.rebuild(targetType, target, new ArrayList<>(fetched.symbols().values())));
                    } catch (InconsistencyDetectedException e) {
                        return new Inconsistent(e.proof());
                    } catch (NotEnoughSliversException e) {
                        return tooFew(fetched.symbols().size());
                    }
                }, node.executor());
    }

    private <T> CompletableFuture<SymbolFetch.Result<T>> fetch(SymbolFetch.Kind<T> kind, Map<SliverIndex, T> local,
                                                              String what) {
        String label = what + " for " + targetType.pathName() + " sliver " + target.value() + " of " + job;
        return new SymbolFetch<>(kind, needed, label, node.self(), local, peers, job.skipped, node.clients(),
                node.settings().busyRetryDelay()).collect().thenApply(fetched -> {
                    job.fetched(fetched.bodyBytes());
                    return fetched;
                });
    }

    private Sliver decode(Map<SliverIndex, DecodingSymbol> symbols) {
        byte[][] bySource = new byte[job.n][];
        symbols.forEach((source, symbol) -> bySource[source.value()] = symbol.data());
        return rebuilder.rebuildFromDecodingSymbols(targetType, target, bySource);
    }

    /**
     * After proven symbols rebuilt the sliver, its expansion shows what every source should have sent: the peers whose
     * decoding symbols differ lied, and are skipped for the rest of the recovery.
     */
    private Result blameLiars(Result result, SymbolFetch.Result<DecodingSymbol> unproven) {
        if (result instanceof Done done) {
            SliverIndex[] sources = unproven.symbols().keySet().toArray(SliverIndex[]::new);
            byte[][] truth = rebuilder.decodingSymbols(done.sliver(), sources);
            for (int i = 0; i < sources.length; i++) {
                NodeId sender = unproven.senders().get(sources[i]);
                if (!Arrays.equals(truth[i], unproven.symbols().get(sources[i]).data()) && !sender.equals(node.self())) {
                    job.skipped.add(sender);
                    LOG.warn("node {} sent a wrong decoding symbol from {} sliver {} for {}; it is skipped",
                            sender, sourceType.pathName(), sources[i].value(), job);
                }
            }
        }
        return result;
    }

    private Map<SliverIndex, DecodingSymbol> localDecodingSymbols() {
        Map<SliverIndex, DecodingSymbol> symbols = new LinkedHashMap<>();
        for (Sliver source : localSources()) {
            symbols.put(source.index(), new DecodingSymbol(source.index(), rebuilder.decodingSymbols(source, target)[0]));
        }
        return symbols;
    }

    /**
     * Checked like a peer's: a local sliver that rotted on disk since it was verified would otherwise count as one of
     * the {@code needed} symbols, and the rebuild would fail short of one until the scrubber found it.
     */
    private Map<SliverIndex, RecoverySymbol> localProvenSymbols() {
        Map<SliverIndex, RecoverySymbol> symbols = new LinkedHashMap<>();
        for (Sliver source : localSources()) {
            RecoverySymbol symbol = rebuilder.recoverySymbols(source, target).get(0);
            if (isGenuine(symbol)) {
                symbols.put(source.index(), symbol);
            } else {
                LOG.warn("{}: own {} no longer matches the metadata; asking peers instead", job, source);
            }
        }
        return symbols;
    }

    /** This node's stored slivers of the source type (every one was verified before it was stored), on any shard. */
    private List<Sliver> localSources() {
        int rotation = job.blobId.rotation(job.n);
        List<Sliver> sources = new ArrayList<>();
        for (ShardIndex shard : node.store().shards()) {
            if (shard.value() >= job.n) {
                continue;
            }
            SliverIndex expected = SliverPairIndex.onShard(shard, rotation, job.n).sliverIndex(sourceType, job.n);
            try {
                node.store().sliver(shard, sourceType, job.blobId)
                        .filter(s -> s.index().equals(expected) && s.symbolSize() == symbolSize
                                && s.symbolCount() == sourceSymbolCount)
                        .ifPresent(sources::add);
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot read own {} sliver on shard {}: {}", job, sourceType.pathName(), shard.value(),
                        e.getMessage());
            }
        }
        return sources;
    }

    private SymbolFetch.Kind<DecodingSymbol> decodingKind() {
        return new SymbolFetch.Kind<>(
                (client, sources) -> client.decodingSymbols(job.blobId, targetType, target, sources),
                DecodingSymbol::source, symbol -> symbol.data().length == symbolSize);
    }

    private SymbolFetch.Kind<RecoverySymbol> provenKind() {
        return new SymbolFetch.Kind<>(
                (client, sources) -> client.recoverySymbols(job.blobId, targetType, target, sources),
                RecoverySymbol::sourceIndex, this::isGenuine);
    }

    private boolean isGenuine(RecoverySymbol symbol) {
        return symbol.data().length == symbolSize && symbol.verify(job.metadata());
    }

    private Failed tooFew(int have) {
        return new Failed("only " + have + " of the " + needed + " symbols needed for " + targetType.pathName()
                + " sliver " + target.value() + " could be fetched");
    }
}
