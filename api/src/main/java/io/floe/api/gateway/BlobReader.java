package io.floe.api.gateway;

import io.floe.api.node.NodeClient;
import io.floe.api.node.NodeRoutes;
import io.floe.api.node.SliverBatch;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobDecoder;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverVerifier;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.StorageNodeInfo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's read path (DESIGN.md §6): metadata from any node, verified against the blob ID; then np primary
 * slivers, each verified against the metadata as it arrives, systematic ones first; decode only if a systematic
 * sliver is missing. A node that fails or serves a sliver that does not verify is skipped for the next candidate.
 * {@link #stream} serves a range of a blob of any size without holding it ({@link SliverStream}): verified
 * systematic slivers in order, a bounded window ahead, a missing one rebuilt from recovery symbols. The heap reads
 * hold at once is bounded by the shared {@link ReadBudget} their callers reserve from.
 */
public final class BlobReader {
    private static final Logger LOG = LoggerFactory.getLogger(BlobReader.class);
    /** Sliver bytes asked of one node per batch request. */
    private static final long BATCH_BYTES = NodeRoutes.BATCH_BYTES;
    /** Sliver (or blob) bytes verified (or decoded) on the thread that received them instead of the codec threads. */
    private static final long INLINE_BYTES = 64L << 10;
    /**
     * Slivers times shards verified on the thread that received them at most: verifying a sliver expands it to n
     * symbols and hashes each, so the work grows with n as well as bytes. 4096 lets a whole blob of up to 64 KiB at
     * 100 shards (34 primary slivers) be verified inline, as {@link #INLINE_BYTES} alone did; at 1000 shards, 4 slivers.
     */
    private static final long INLINE_SLIVER_SHARDS = 4096;

    private final Function<StorageNodeInfo, NodeClient> nodes;
    private final Executor cpu;
    private final int perNodeConcurrency;
    private final GatewayMetrics metrics;
    private final ReadSettings settings;
    private final SliverStream streams;
    private final ReadBudget budget;
    private final BlobIdCache<VerifiedMetadata> knownMetadata;

    /** A reader whose series go to a registry of its own (tests that do not look at them). */
    public BlobReader(Function<StorageNodeInfo, NodeClient> nodes, Executor cpu, int perNodeConcurrency) {
        this(nodes, cpu, perNodeConcurrency, new SimpleMeterRegistry());
    }

    /** A reader counting its reads and timing their phases in {@code registry} (the member's, in a gateway). */
    public BlobReader(Function<StorageNodeInfo, NodeClient> nodes, Executor cpu, int perNodeConcurrency,
                      MeterRegistry registry) {
        this(nodes, cpu, perNodeConcurrency, registry, ReadSettings.DEFAULT);
    }

    /** As above, streaming reads as {@code settings} say. */
    public BlobReader(Function<StorageNodeInfo, NodeClient> nodes, Executor cpu, int perNodeConcurrency,
                      MeterRegistry registry, ReadSettings settings) {
        this.nodes = nodes;
        this.cpu = cpu;
        this.perNodeConcurrency = perNodeConcurrency;
        this.metrics = new GatewayMetrics(registry);
        this.settings = settings;
        this.budget = new ReadBudget(settings.readBudgetBytes());
        this.knownMetadata = new BlobIdCache<>(settings.metadataCacheBytes(), BlobReader::metadataBytes);
        this.streams = new SliverStream((holders, metadata, rows) -> batch(holders, metadata, rows, 0),
                new SystematicRebuild(nodes, cpu, metrics), Math.max(1, Math.min(BATCH_BYTES, settings.readAheadBytes())));
    }

    ReadSettings settings() {
        return settings;
    }

    /** The heap budget every read of this reader's gateway shares. */
    ReadBudget budget() {
        return budget;
    }

    /** The sliver bytes a stream of {@code length} bytes of rows of {@code rowBytes} holds: its least and its want. */
    record Hold(long least, long wanted) {
    }

    Hold streamHold(long rowBytes, long length) {
        return new Hold(streams.heldBytes(rowBytes, length, 0),
                streams.heldBytes(rowBytes, length, settings.readAheadBytes()));
    }

    /** What a whole read of the blob holds: its systematic slivers and the bytes decoded from them. */
    static long wholeHold(VerifiedMetadata metadata) {
        int n = metadata.metadata().nShards();
        return 2L * new EncodingConfig(n).primarySourceSymbols()
                * SliverStream.rowBytes(n, metadata.metadata().unencodedLength());
    }

    /** As {@link #metadata(EpochCommittees, BlobId)}, counting a failure as a failed read (none of its bytes served). */
    CompletableFuture<VerifiedMetadata> metadataOfRead(EpochCommittees epochs, BlobId id) {
        return countedFailure(metadata(epochs, id));
    }

    /** {@code metadata}, its failure counted as a failed read (none of its bytes served). */
    CompletableFuture<VerifiedMetadata> countedFailure(CompletableFuture<VerifiedMetadata> metadata) {
        return metadata.whenComplete((found, error) -> {
            if (error != null) {
                metrics.readFailed(error);
            }
        });
    }

    /** Reads the whole blob; fails with {@link BlobNotFoundException} or {@link NotEnoughSliversAvailableException}. */
    public CompletableFuture<byte[]> read(Committee committee, BlobId id) {
        return read(ShardHolders.fixed(committee), id);
    }

    /** As {@link #read(Committee, BlobId)}, from whichever committee holds each shard now (DESIGN.md §6). */
    public CompletableFuture<byte[]> read(EpochCommittees epochs, BlobId id) {
        return metrics.read(readWhole(epochs, id));
    }

    private CompletableFuture<byte[]> readWhole(EpochCommittees epochs, BlobId id) {
        ShardHolders holders = new ShardHolders(epochs);
        return metadata(holders, id).thenCompose(metadata -> decoded(holders, metadata));
    }

    /** As {@link #read(EpochCommittees, BlobId)}, with the blob's metadata already in hand. */
    public CompletableFuture<byte[]> read(EpochCommittees epochs, VerifiedMetadata metadata) {
        return metrics.read(decoded(new ShardHolders(epochs), metadata));
    }

    /**
     * The blob decoded from np verified primary slivers: on the receiving thread only when they are the systematic
     * ones of a blob up to {@link #INLINE_BYTES} (a copy of their bytes), else on the codec threads (a decode that
     * re-hashes np slivers).
     */
    private CompletableFuture<byte[]> decoded(ShardHolders holders, VerifiedMetadata metadata) {
        int np = new EncodingConfig(holders.nShards()).primarySourceSymbols();
        boolean small = metadata.metadata().unencodedLength() <= INLINE_BYTES;
        return metrics.timedRead("slivers", () -> primaries(holders, metadata, allPairs(holders.nShards()), np))
                .thenCompose(slivers -> small && systematic(slivers, np)
                        ? CompletableFuture.completedFuture(decode(metadata, slivers, np))
                        : CompletableFuture.supplyAsync(() -> decode(metadata, slivers, np), cpu));
    }

    /**
     * Bytes {@code [start, start + length)} of the blob (checked by the caller against the metadata's length) as a
     * stream of verified bytes, never the whole blob in memory, holding at most {@code heldBytes} of slivers (the
     * caller reserved them, see {@link #streamHold}); counted as one read when the stream ends. Nothing is fetched
     * until the stream is run.
     */
    Source<ByteString, NotUsed> stream(EpochCommittees epochs, VerifiedMetadata metadata, long start, long length,
                                       long heldBytes) {
        return metrics.read(() -> uncounted(epochs, metadata, start, length, heldBytes));
    }

    /** As {@link #stream}, not counted as a read: a look at a blob's first bytes (is it a chunk manifest?). */
    Source<ByteString, NotUsed> uncounted(EpochCommittees epochs, VerifiedMetadata metadata, long start, long length,
                                          long heldBytes) {
        return streams.range(new ShardHolders(epochs), metadata, start, length, heldBytes);
    }

    /** The blob's metadata from the first node (in a random order) that serves metadata matching the ID. */
    public CompletableFuture<VerifiedMetadata> metadata(Committee committee, BlobId id) {
        return metadata(ShardHolders.fixed(committee), id);
    }

    /** As {@link #metadata(Committee, BlobId)}, asking the members of the current and the previous committee. */
    public CompletableFuture<VerifiedMetadata> metadata(EpochCommittees epochs, BlobId id) {
        return metadata(new ShardHolders(epochs), id);
    }

    /**
     * As {@link #metadata(EpochCommittees, BlobId)}, asking only the first node before {@code proceed} (the blob's
     * certification check) completes: a node after it is asked only once the check passed, and when it fails the
     * answer fails as it does. So the check's round trip overlaps the first node's, and a blob ID the check refuses
     * costs one metadata request, not one per member.
     */
    CompletableFuture<VerifiedMetadata> metadata(EpochCommittees epochs, BlobId id, CompletionStage<?> proceed) {
        return metadata(new ShardHolders(epochs), id, proceed.toCompletableFuture());
    }

    private CompletableFuture<VerifiedMetadata> metadata(ShardHolders holders, BlobId id) {
        return metadata(holders, id, CompletableFuture.completedFuture(null));
    }

    /** From the cache of verified metadata when it has the blob's (metadata never changes: the ID is its hash). */
    private CompletableFuture<VerifiedMetadata> metadata(ShardHolders holders, BlobId id, CompletableFuture<?> proceed) {
        Optional<VerifiedMetadata> known = knownMetadata.get(id);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
        }
        List<StorageNodeInfo> order = new ArrayList<>(holders.metadataNodes());
        Collections.shuffle(order);
        return metrics.timedRead("metadata", () -> metadataFrom(order, 0, id, proceed)).thenApply(found -> {
            knownMetadata.put(id, found);
            return found;
        });
    }

    /** Caches metadata the gateway verified itself (a store encoded it), so a read after a store asks no node for it. */
    void remember(VerifiedMetadata metadata) {
        knownMetadata.put(metadata.blobId(), metadata);
    }

    /** About the heap one verified metadata holds: two 32-byte hashes per shard and the objects around them. */
    static long metadataBytes(VerifiedMetadata metadata) {
        return 128L + 160L * metadata.metadata().nShards();
    }

    private CompletableFuture<VerifiedMetadata> metadataFrom(List<StorageNodeInfo> order, int i, BlobId id,
                                                            CompletableFuture<?> proceed) {
        if (i == order.size()) {
            return CompletableFuture.failedFuture(new BlobNotFoundException("no storage node answered with metadata for "
                    + id + " (" + order.size() + " asked)"));
        }
        return nodes.apply(order.get(i)).getMetadata(id).handle((found, error) -> {
            if (error == null && found.isPresent() && found.get().blobId().equals(id)) {
                return CompletableFuture.completedFuture(found.get());
            }
            if (error != null) {
                LOG.debug("metadata of {} from {} failed: {}", id, order.get(i).id(), error.toString());
            }
            return proceed.thenCompose(ok -> metadataFrom(order, i + 1, id, proceed));
        }).thenCompose(f -> f);
    }

    private static List<Integer> allPairs(int n) {
        List<Integer> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pairs.add(i);
        }
        return pairs;
    }

    /**
     * Fetches {@code needed} verified primary slivers. The first {@code needed} candidates (by sliver index, which is
     * also the pair index) are asked for in one batch request per node (chunked by size), each pair's other holder
     * asked in turn for what its first holder did not serve; whatever is still missing is then replaced one sliver at
     * a time from the remaining candidates, in order.
     */
    private CompletableFuture<List<Sliver>> primaries(ShardHolders holders, VerifiedMetadata metadata,
                                                      List<Integer> candidates, int needed) {
        List<Integer> first = candidates.subList(0, Math.min(needed, candidates.size()));
        List<Integer> rest = candidates.subList(first.size(), candidates.size());
        return batch(holders, metadata, first, 0).thenCompose(found -> {
            if (found.size() >= needed) {
                return CompletableFuture.completedFuture(found.subList(0, needed));
            }
            SliverFetch fetch = new SliverFetch(nodes, cpu, perNodeConcurrency, holders, metadata, rest,
                    needed - found.size());
            fetch.start();
            return fetch.result.thenApply(more -> {
                List<Sliver> all = new ArrayList<>(found);
                all.addAll(more);
                return all;
            });
        });
    }

    /**
     * The verified primary slivers of {@code pairs} that their holders serve, asking each pair's
     * {@code attempt}-th candidate node and then, for what is still missing, the next one; failures just leave
     * slivers out.
     */
    private CompletableFuture<List<Sliver>> batch(ShardHolders holders, VerifiedMetadata metadata, List<Integer> pairs,
                                                  int attempt) {
        Map<StorageNodeInfo, List<SliverPairIndex>> byNode = byCandidate(holders, metadata.blobId(), pairs, attempt);
        if (byNode.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        EncodingConfig config = new EncodingConfig(holders.nShards());
        long sliverBytes = config.primarySliverBytes(config.symbolSize(metadata.metadata().unencodedLength()));
        int perRequest = (int) Math.max(1, Math.min(pairs.size(), BATCH_BYTES / Math.max(1, sliverBytes)));
        SliverVerifier verifier = new SliverVerifier(metadata);
        List<CompletableFuture<List<Sliver>>> requests = new ArrayList<>();
        for (Map.Entry<StorageNodeInfo, List<SliverPairIndex>> e : byNode.entrySet()) {
            AsyncLimiter limiter = new AsyncLimiter(perNodeConcurrency);
            List<SliverPairIndex> nodePairs = e.getValue();
            for (int from = 0; from < nodePairs.size(); from += perRequest) {
                List<SliverPairIndex> chunk = nodePairs.subList(from, Math.min(nodePairs.size(), from + perRequest));
                CompletableFuture<List<SliverBatch.Entry>> answer = limiter.submit(
                        () -> nodes.apply(e.getKey()).getSlivers(metadata.blobId(), SliverType.PRIMARY, chunk));
                boolean inline = sliverBytes * chunk.size() <= INLINE_BYTES
                        && (long) chunk.size() * holders.nShards() <= INLINE_SLIVER_SHARDS;
                requests.add(onCpu(answer, inline, entries -> verified(entries, chunk, verifier))
                        .exceptionally(error -> {
                            LOG.debug("primary slivers {} of {} from {} failed: {}", chunk, metadata.blobId(),
                                    e.getKey().id(), error.toString());
                            return List.of();
                        }));
            }
        }
        return CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<Sliver> all = new ArrayList<>();
            requests.forEach(r -> all.addAll(r.join()));
            Set<Integer> served = new HashSet<>();
            all.forEach(s -> served.add(s.index().value()));
            List<Integer> missing = pairs.stream().filter(p -> !served.contains(p)).toList();
            if (missing.isEmpty()) {
                return CompletableFuture.completedFuture(all);
            }
            return batch(holders, metadata, missing, attempt + 1).thenApply(more -> {
                all.addAll(more);
                return all;
            });
        });
    }

    /**
     * {@code work} on slivers, on the codec threads, or where {@code input} completes when it is {@code inline}: small
     * enough that a hand-over would cost more than the work (a small blob's slivers at a modest n: a thread switch is
     * a scheduling delay on a busy machine, the work microseconds).
     */
    private <T, R> CompletableFuture<R> onCpu(CompletableFuture<T> input, boolean inline, Function<T, R> work) {
        return inline ? input.thenApply(work) : input.thenApplyAsync(work, cpu);
    }

    /** The pairs that have an {@code attempt}-th candidate node, grouped by that node. */
    private static Map<StorageNodeInfo, List<SliverPairIndex>> byCandidate(ShardHolders holders, BlobId id,
                                                                           List<Integer> pairs, int attempt) {
        int n = holders.nShards();
        int rotation = id.rotation(n);
        Map<StorageNodeInfo, List<SliverPairIndex>> byNode = new LinkedHashMap<>();
        for (int p : pairs) {
            SliverPairIndex pair = new SliverPairIndex(p);
            List<StorageNodeInfo> candidates = holders.candidates(pair.shard(rotation, n));
            if (attempt < candidates.size()) {
                byNode.computeIfAbsent(candidates.get(attempt), k -> new ArrayList<>()).add(pair);
            }
        }
        return byNode;
    }

    /** The slivers of a batch answer that are the ones asked for and match the metadata. */
    private static List<Sliver> verified(List<SliverBatch.Entry> entries, List<SliverPairIndex> asked,
                                         SliverVerifier verifier) {
        List<Sliver> good = new ArrayList<>();
        Set<SliverPairIndex> wanted = new HashSet<>(asked);
        for (SliverBatch.Entry entry : entries) {
            Sliver s = entry.sliver();
            if (wanted.remove(entry.pair()) && s.type() == SliverType.PRIMARY && s.index().value() == entry.pair().value()
                    && verifier.isValid(s)) {
                good.add(s);
            }
        }
        return good;
    }

    private byte[] decode(VerifiedMetadata metadata, List<Sliver> slivers, int np) {
        long start = System.nanoTime();
        try {
            return decodeSlivers(metadata, slivers, np);
        } finally {
            metrics.readPhase("decode", start);
        }
    }

    private static boolean systematic(List<Sliver> slivers, int np) {
        return slivers.stream().allMatch(s -> s.index().value() < np);
    }

    private static byte[] decodeSlivers(VerifiedMetadata metadata, List<Sliver> slivers, int np) {
        BlobDecoder decoder = new BlobDecoder(metadata);
        // Every systematic sliver was verified against its hash on arrival, which is exactly what the default
        // consistency check would recompute; other sets need the check after decoding.
        return systematic(slivers, np) ? decoder.decodeUnchecked(slivers)
                : decoder.decode(slivers, BlobDecoder.ConsistencyCheck.DEFAULT);
    }
}
