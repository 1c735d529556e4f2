package io.floe.node.healing;

import io.floe.api.json.ApiErrors;
import io.floe.api.node.NodeClient;
import io.floe.api.node.NodeRequestException;
import io.floe.api.node.RecoverySymbolList;
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
 * Rebuilds slivers of one type for a job's pairs (DESIGN.md §6), all of them together: symbols from this node's own
 * slivers of the other type first (no traffic; each expanded once for every target), the rest from peers, one
 * request per peer for every target (the peer expands each of its source slivers once). Proof-free first when the
 * settings say so: exactly the symbols needed, and each rebuilt sliver checked once against its hash. If that check
 * fails, a peer lied or the writer encoded the blob inconsistently; proven symbols (per target) tell which: they
 * either rebuild the right sliver (and then show which peers lied, who are skipped from then on) or prove the
 * inconsistency. Nothing here stores; the results say what was found, one per target in order.
 */
final class SliverRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(SliverRebuild.class);
    /** Targets per batched request at most: their indices and the listed sources stay within the 2k URI limit. */
    static final int MAX_TARGETS = 100;
    private static final String SHARD_NOT_ASSIGNED = "SHARD_NOT_ASSIGNED";

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

    /** One source sliver's proof-free symbols for every target, in target order (null where a peer sent none). */
    record SourceRow(SliverIndex source, byte[][] symbols) {
    }

    private final PairRecoveryAttempt job;
    private final LocalNode node;
    private final SliverType targetType;
    private final SliverType sourceType;
    private final List<SliverIndex> targets;
    private final int needed;
    private final int symbolSize;
    private final int sourceSymbolCount;
    private final SliverRebuilder rebuilder;
    private final List<PeerPlan.Peer> peers;

    SliverRebuild(PairRecoveryAttempt job, LocalNode node, SliverType targetType, List<SliverIndex> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("nothing to rebuild");
        }
        this.job = job;
        this.node = node;
        this.targetType = targetType;
        this.sourceType = targetType.orthogonal();
        this.targets = List.copyOf(targets);
        EncodingConfig config = new EncodingConfig(job.n);
        this.needed = config.sourceSymbols(sourceType);
        this.symbolSize = config.symbolSize(job.metadata().metadata().unencodedLength());
        // A source sliver of the other type holds as many symbols as the target's code has source symbols.
        this.sourceSymbolCount = config.sourceSymbols(targetType);
        this.rebuilder = new SliverRebuilder(job.metadata());
        this.peers = PeerPlan.peers(job.committee, node.self(), job.blobId, job.lead(), sourceType);
    }

    /**
     * How many targets of {@code targetType} one rebuild takes at most so that the symbols it collects stay within
     * {@code batchBytes} (at least one, at most {@value #MAX_TARGETS}).
     */
    static int batchSize(PairRecoveryAttempt job, SliverType targetType, long batchBytes) {
        EncodingConfig config = new EncodingConfig(job.n);
        long perTarget = (long) config.sourceSymbols(targetType.orthogonal())
                * config.symbolSize(job.metadata().metadata().unencodedLength());
        return (int) Math.max(1, Math.min(MAX_TARGETS, batchBytes / Math.max(1, perTarget)));
    }

    /** One result per target, in order. Never fails: every problem is a {@link Failed} result. */
    CompletableFuture<List<Result>> run() {
        CompletableFuture<List<Result>> results = node.settings().proofFreeFirst() ? proofFree() : provenEach();
        return results.exceptionally(e -> {
            Failed failed = new Failed(targetType.pathName() + " slivers " + indices() + ": " + ApiErrors.unwrap(e));
            return targets.stream().map(t -> (Result) failed).toList();
        });
    }

    private CompletableFuture<List<Result>> proofFree() {
        return CompletableFuture.supplyAsync(this::localDecodingRows, node.executor())
                .thenCompose(local -> fetch(rowKind(), local, "decoding symbols"))
                .thenComposeAsync(fetched -> {
                    if (fetched.symbols().size() < needed) {
                        Result few = tooFew(fetched.symbols().size());
                        return CompletableFuture.completedFuture(targets.stream().map(t -> few).toList());
                    }
                    List<CompletableFuture<Result>> results = new ArrayList<>();
                    CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
                    for (int i = 0; i < targets.size(); i++) {
                        int column = i;
                        try {
                            results.add(CompletableFuture.completedFuture(new Done(decode(column, fetched.symbols()))));
                        } catch (SliverHashMismatchException e) {
                            LOG.info("{}: {} sliver {} rebuilt from decoding symbols fails its hash; fetching proven "
                                    + "symbols", job, targetType.pathName(), targets.get(i).value());
                            // One proven fetch at a time: the first one shows the liars, who are skipped after.
                            CompletableFuture<Result> proven = previous.thenCompose(x -> proven(column))
                                    .thenApply(result -> blameLiars(result, column, fetched))
                                    // Only this target fails: the others may be rebuilt and verified already.
                                    .exceptionally(failure -> new Failed(targetType.pathName() + " sliver "
                                            + targets.get(column).value() + ": " + ApiErrors.unwrap(failure)));
                            previous = proven;
                            results.add(proven);
                        }
                    }
                    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                            .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
                }, node.executor());
    }

    /** Proven symbols for every target, one target after the other. */
    private CompletableFuture<List<Result>> provenEach() {
        CompletableFuture<List<Result>> sofar = CompletableFuture.completedFuture(new ArrayList<>());
        for (int i = 0; i < targets.size(); i++) {
            int column = i;
            sofar = sofar.thenCompose(results -> proven(column).thenApply(result -> {
                results.add(result);
                return results;
            }));
        }
        return sofar.thenApply(List::copyOf);
    }

    private CompletableFuture<Result> proven(int column) {
        SliverIndex target = targets.get(column);
        return CompletableFuture.supplyAsync(() -> localProvenSymbols(target), node.executor())
                .thenCompose(local -> fetch(provenKind(target), local, "proven symbols"))
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
        String label = what + " for " + targetType.pathName() + " slivers " + indices() + " of " + job;
        return new SymbolFetch<>(kind, needed, label, node.self(), local, peers, job.skipped, node.clients(),
                node.settings().busyRetryDelay()).collect().thenApply(fetched -> {
                    job.fetched(fetched.bodyBytes());
                    return fetched;
                });
    }

    private Sliver decode(int column, Map<SliverIndex, SourceRow> rows) {
        byte[][] bySource = new byte[job.n][];
        rows.forEach((source, row) -> bySource[source.value()] = row.symbols()[column]);
        return rebuilder.rebuildFromDecodingSymbols(targetType, targets.get(column), bySource);
    }

    /**
     * After proven symbols rebuilt the sliver, its expansion shows what every source should have sent: the peers whose
     * decoding symbols differ lied, and are skipped for the rest of the recovery.
     */
    private Result blameLiars(Result result, int column, SymbolFetch.Result<SourceRow> unproven) {
        if (result instanceof Done done) {
            SliverIndex[] sources = unproven.symbols().keySet().toArray(SliverIndex[]::new);
            byte[][] truth = rebuilder.decodingSymbols(done.sliver(), sources);
            for (int i = 0; i < sources.length; i++) {
                NodeId sender = unproven.senders().get(sources[i]);
                byte[] sent = unproven.symbols().get(sources[i]).symbols()[column];
                if (!Arrays.equals(truth[i], sent) && !sender.equals(node.self())) {
                    job.skipped.add(sender);
                    LOG.warn("node {} sent a wrong decoding symbol from {} sliver {} for {}; it is skipped",
                            sender, sourceType.pathName(), sources[i].value(), job);
                }
            }
        }
        return result;
    }

    private Map<SliverIndex, SourceRow> localDecodingRows() {
        SliverIndex[] wanted = targets.toArray(SliverIndex[]::new);
        Map<SliverIndex, SourceRow> rows = new LinkedHashMap<>();
        for (Sliver source : localSources()) {
            rows.put(source.index(), new SourceRow(source.index(), rebuilder.decodingSymbols(source, wanted)));
        }
        return rows;
    }

    /**
     * Checked like a peer's: a local sliver that rotted on disk since it was verified would otherwise count as one of
     * the {@code needed} symbols, and the rebuild would fail short of one until the scrubber found it.
     */
    private Map<SliverIndex, RecoverySymbol> localProvenSymbols(SliverIndex target) {
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

    /** Batched proof-free symbols: one row per source sliver, valid when it holds a symbol of the right size per target. */
    private SymbolFetch.Kind<SourceRow> rowKind() {
        return new SymbolFetch.Kind<>(
                (client, sources) -> decodingSymbols(client, targets, sources)
                        .thenApply(fetched -> new RecoverySymbolList.Fetched<>(rows(fetched.symbols()),
                                fetched.bodyBytes())),
                SourceRow::source, row -> Arrays.stream(row.symbols()).allMatch(s -> s != null && s.length == symbolSize));
    }

    /**
     * One peer's decoding symbols for {@code batch}. A batch the peer refuses with 400 (its answer would pass its size
     * bound, or it is an older node that reads only one target) is asked again in halves, one after the other, down to
     * single targets, whose request is the original single-target form; only a refused single target fails.
     */
    private CompletableFuture<RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols>> decodingSymbols(
            NodeClient client, List<SliverIndex> batch, List<SliverIndex> sources) {
        return client.decodingSymbols(job.blobId, targetType, batch, sources).handle((fetched, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(fetched);
            }
            if (batch.size() == 1 || !refusedAsTooLarge(failure)) {
                return CompletableFuture.<RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols>>failedFuture(failure);
            }
            List<SliverIndex> first = batch.subList(0, batch.size() / 2);
            List<SliverIndex> second = batch.subList(batch.size() / 2, batch.size());
            LOG.debug("{}: a peer refused {} {} targets at once ({}); asking for {} and {}", job, batch.size(),
                    targetType.pathName(), ApiErrors.unwrap(failure).getMessage(), first.size(), second.size());
            return decodingSymbols(client, first, sources).thenCompose(a -> decodingSymbols(client, second, sources)
                    .thenApply(b -> merged(a, b)));
        }).thenCompose(answer -> answer);
    }

    /** A 400 other than "shard not assigned" (which fewer targets would not change). */
    private static boolean refusedAsTooLarge(Throwable failure) {
        return ApiErrors.unwrap(failure) instanceof NodeRequestException e && e.status() == 400
                && !SHARD_NOT_ASSIGNED.equals(e.code());
    }

    private static RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols> merged(
            RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols> a,
            RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols> b) {
        List<RecoverySymbolList.TargetSymbols> symbols = new ArrayList<>(a.symbols());
        symbols.addAll(b.symbols());
        return new RecoverySymbolList.Fetched<>(symbols, a.bodyBytes() + b.bodyBytes());
    }

    /** A peer's answer by source; a symbol repeated for one target and source counts as missing. */
    private List<SourceRow> rows(List<RecoverySymbolList.TargetSymbols> answer) {
        Map<SliverIndex, SourceRow> rows = new LinkedHashMap<>();
        for (RecoverySymbolList.TargetSymbols forTarget : answer) {
            int column = targets.indexOf(forTarget.target());
            for (DecodingSymbol symbol : forTarget.symbols()) {
                byte[][] row = rows.computeIfAbsent(symbol.source(),
                        source -> new SourceRow(source, new byte[targets.size()][])).symbols();
                row[column] = row[column] == null ? symbol.data() : new byte[0];
            }
        }
        return List.copyOf(rows.values());
    }

    private SymbolFetch.Kind<RecoverySymbol> provenKind(SliverIndex target) {
        return new SymbolFetch.Kind<>(
                (client, sources) -> client.recoverySymbols(job.blobId, targetType, target, sources),
                RecoverySymbol::sourceIndex, this::isGenuine);
    }

    private boolean isGenuine(RecoverySymbol symbol) {
        return symbol.data().length == symbolSize && symbol.verify(job.metadata());
    }

    private Failed tooFew(int have) {
        return new Failed("only " + have + " of the " + needed + " symbols needed for " + targetType.pathName()
                + " slivers " + indices() + " could be fetched");
    }

    private List<Integer> indices() {
        return targets.stream().map(SliverIndex::value).toList();
    }
}
