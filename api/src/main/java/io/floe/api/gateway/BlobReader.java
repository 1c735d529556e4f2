package io.floe.api.gateway;

import io.floe.api.node.NodeClient;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobDecoder;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverVerifier;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.StorageNodeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's read path (DESIGN.md §6): metadata from any node, verified against the blob ID; then np primary
 * slivers, each verified against the metadata as it arrives, systematic ones first; decode only if a systematic
 * sliver is missing. A node that fails or serves a sliver that does not verify is skipped for the next candidate.
 */
public final class BlobReader {
    private static final Logger LOG = LoggerFactory.getLogger(BlobReader.class);

    private final Function<StorageNodeInfo, NodeClient> nodes;
    private final Executor cpu;
    private final int perNodeConcurrency;
    /** Sliver bytes asked of one node per batch request. */
    private static final long BATCH_BYTES = io.floe.api.node.NodeRoutes.BATCH_BYTES;

    public BlobReader(Function<StorageNodeInfo, NodeClient> nodes, Executor cpu, int perNodeConcurrency) {
        this.nodes = nodes;
        this.cpu = cpu;
        this.perNodeConcurrency = perNodeConcurrency;
    }

    /** Reads the whole blob; fails with {@link BlobNotFoundException} or {@link NotEnoughSliversAvailableException}. */
    public CompletableFuture<byte[]> read(Committee committee, BlobId id) {
        return metadata(committee, id).thenCompose(metadata -> {
            int np = new EncodingConfig(committee.nShards()).primarySourceSymbols();
            return primaries(committee, metadata, allPairs(committee.nShards()), np)
                    .thenApplyAsync(slivers -> decode(metadata, slivers, np), cpu);
        });
    }

    /**
     * Reads {@code [start, start + length)} of the blob (the caller has checked the range against the metadata's
     * length). Only the systematic primary slivers that hold the range are fetched; if one of them cannot be had, the
     * whole blob is decoded instead.
     */
    public CompletableFuture<byte[]> readRange(Committee committee, VerifiedMetadata metadata, long start, long length) {
        EncodingConfig config = new EncodingConfig(committee.nShards());
        long rowBytes = (long) config.secondarySourceSymbols() * config.symbolSize(metadata.metadata().unencodedLength());
        if (length == 0) {
            return CompletableFuture.completedFuture(new byte[0]);
        }
        int first = (int) (start / rowBytes);
        int last = (int) ((start + length - 1) / rowBytes);
        List<Integer> rows = new ArrayList<>();
        for (int r = first; r <= last; r++) {
            rows.add(r);
        }
        return primaries(committee, metadata, rows, rows.size()).thenApply(slivers -> {
            byte[] out = new byte[(int) length];
            for (Sliver s : slivers) {
                long rowStart = s.index().value() * rowBytes;
                long from = Math.max(start, rowStart);
                long to = Math.min(start + length, rowStart + rowBytes);
                System.arraycopy(s.data(), (int) (from - rowStart), out, (int) (from - start), (int) (to - from));
            }
            return out;
        }).exceptionallyCompose(e -> read(committee, metadata.blobId()).thenApply(blob -> {
            byte[] out = new byte[(int) length];
            System.arraycopy(blob, (int) start, out, 0, (int) length);
            return out;
        }));
    }

    /** The blob's metadata from the first node (in a random order) that serves metadata matching the ID. */
    public CompletableFuture<VerifiedMetadata> metadata(Committee committee, BlobId id) {
        List<StorageNodeInfo> order = new ArrayList<>(committee.members());
        Collections.shuffle(order);
        return metadataFrom(order, 0, id);
    }

    private CompletableFuture<VerifiedMetadata> metadataFrom(List<StorageNodeInfo> order, int i, BlobId id) {
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
            return metadataFrom(order, i + 1, id);
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
     * also the pair index) are asked for in one batch request per node (chunked by size); whatever is missing or
     * fails verification is then replaced one sliver at a time from the remaining candidates, in order.
     */
    private CompletableFuture<List<Sliver>> primaries(Committee committee, VerifiedMetadata metadata,
                                                      List<Integer> candidates, int needed) {
        List<Integer> first = candidates.subList(0, Math.min(needed, candidates.size()));
        List<Integer> rest = candidates.subList(first.size(), candidates.size());
        return batch(committee, metadata, first).thenCompose(found -> {
            if (found.size() >= needed) {
                return CompletableFuture.completedFuture(found.subList(0, needed));
            }
            SliverFetch fetch = new SliverFetch(committee, metadata, rest, needed - found.size());
            fetch.start();
            return fetch.result.thenApply(more -> {
                List<Sliver> all = new ArrayList<>(found);
                all.addAll(more);
                return all;
            });
        });
    }

    /** The verified primary slivers of {@code pairs} that their nodes serve; failures just leave slivers out. */
    private CompletableFuture<List<Sliver>> batch(Committee committee, VerifiedMetadata metadata, List<Integer> pairs) {
        int n = committee.nShards();
        EncodingConfig config = new EncodingConfig(n);
        long sliverBytes = config.primarySliverBytes(config.symbolSize(metadata.metadata().unencodedLength()));
        int perRequest = (int) Math.max(1, Math.min(pairs.size(), BATCH_BYTES / Math.max(1, sliverBytes)));
        Map<StorageNodeInfo, List<SliverPairIndex>> byNode = new java.util.LinkedHashMap<>();
        int rotation = metadata.blobId().rotation(n);
        for (int p : pairs) {
            SliverPairIndex pair = new SliverPairIndex(p);
            StorageNodeInfo owner = committee.member(committee.ownerOf(pair.shard(rotation, n))).orElseThrow();
            byNode.computeIfAbsent(owner, k -> new ArrayList<>()).add(pair);
        }
        SliverVerifier verifier = new SliverVerifier(metadata);
        List<CompletableFuture<List<Sliver>>> requests = new ArrayList<>();
        for (Map.Entry<StorageNodeInfo, List<SliverPairIndex>> e : byNode.entrySet()) {
            AsyncLimiter limiter = new AsyncLimiter(perNodeConcurrency);
            List<SliverPairIndex> nodePairs = e.getValue();
            for (int from = 0; from < nodePairs.size(); from += perRequest) {
                List<SliverPairIndex> chunk = nodePairs.subList(from, Math.min(nodePairs.size(), from + perRequest));
                requests.add(limiter.submit(() -> nodes.apply(e.getKey()).getSlivers(metadata.blobId(), SliverType.PRIMARY, chunk))
                        .thenApplyAsync(entries -> verified(entries, chunk, verifier), cpu)
                        .exceptionally(error -> {
                            LOG.debug("primary slivers {} of {} from {} failed: {}", chunk, metadata.blobId(),
                                    e.getKey().id(), error.toString());
                            return List.of();
                        }));
            }
        }
        return CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Sliver> all = new ArrayList<>();
            requests.forEach(r -> all.addAll(r.join()));
            return all;
        });
    }

    /** The slivers of a batch answer that are the ones asked for and match the metadata. */
    private static List<Sliver> verified(List<io.floe.api.node.SliverBatch.Entry> entries, List<SliverPairIndex> asked,
                                         SliverVerifier verifier) {
        List<Sliver> good = new ArrayList<>();
        java.util.Set<SliverPairIndex> wanted = new java.util.HashSet<>(asked);
        for (io.floe.api.node.SliverBatch.Entry entry : entries) {
            Sliver s = entry.sliver();
            if (wanted.remove(entry.pair()) && s.type() == SliverType.PRIMARY && s.index().value() == entry.pair().value()
                    && verifier.isValid(s)) {
                good.add(s);
            }
        }
        return good;
    }

    private static byte[] decode(VerifiedMetadata metadata, List<Sliver> slivers, int np) {
        boolean systematic = slivers.stream().allMatch(s -> s.index().value() < np);
        BlobDecoder decoder = new BlobDecoder(metadata);
        // Every systematic sliver was verified against its hash on arrival, which is exactly what the default
        // consistency check would recompute; other sets need the check after decoding.
        return systematic ? decoder.decodeUnchecked(slivers) : decoder.decode(slivers, BlobDecoder.ConsistencyCheck.DEFAULT);
    }

    /** One read's sliver requests: which candidate comes next, what arrived, and when it is enough. */
    private final class SliverFetch {
        private final Committee committee;
        private final VerifiedMetadata metadata;
        private final List<Integer> candidates;
        private final int needed;
        private final SliverVerifier verifier;
        private final Map<String, AsyncLimiter> limiters = new ConcurrentHashMap<>();
        private final List<Sliver> valid = new ArrayList<>();
        private final CompletableFuture<List<Sliver>> result = new CompletableFuture<>();
        private int next;
        private int inFlight;

        SliverFetch(Committee committee, VerifiedMetadata metadata, List<Integer> candidates, int needed) {
            this.committee = committee;
            this.metadata = metadata;
            this.candidates = candidates;
            this.needed = needed;
            this.verifier = new SliverVerifier(metadata);
        }

        void start() {
            for (int i = 0; i < needed; i++) {
                launchNext();
            }
        }

        private void launchNext() {
            int pairIndex;
            synchronized (this) {
                if (next == candidates.size()) {
                    if (inFlight == 0 && !result.isDone()) {
                        result.completeExceptionally(new NotEnoughSliversAvailableException(metadata.blobId(),
                                valid.size(), needed));
                    }
                    return;
                }
                pairIndex = candidates.get(next++);
                inFlight++;
            }
            SliverPairIndex pair = new SliverPairIndex(pairIndex);
            int n = committee.nShards();
            Optional<StorageNodeInfo> ownerInfo = committee.member(committee.ownerOf(pair.shard(metadata.blobId().rotation(n), n)));
            if (ownerInfo.isEmpty()) {
                arrived(Optional.empty(), null, pairIndex, new IllegalStateException("shard owner not in committee"));
                return;
            }
            StorageNodeInfo owner = ownerInfo.get();
            AsyncLimiter limiter = limiters.computeIfAbsent(owner.id().value(), k -> new AsyncLimiter(perNodeConcurrency));
            limiter.submit(() -> nodes.apply(owner).getSliver(metadata.blobId(), pair, SliverType.PRIMARY))
                    .thenApplyAsync(found -> found.filter(this::verified), cpu)
                    .whenComplete((found, error) -> arrived(found == null ? Optional.empty() : found, owner, pairIndex, error));
        }

        private boolean verified(Sliver sliver) {
            return sliver.type() == SliverType.PRIMARY && verifier.isValid(sliver);
        }

        private void arrived(Optional<Sliver> sliver, StorageNodeInfo owner, int pairIndex, Throwable error) {
            boolean again;
            synchronized (this) {
                inFlight--;
                if (sliver.isPresent() && !result.isDone()) {
                    valid.add(sliver.get());
                    if (valid.size() == needed) {
                        result.complete(List.copyOf(valid));
                    }
                }
                again = sliver.isEmpty() && !result.isDone();
                if (!again && !result.isDone() && inFlight == 0 && next == candidates.size()) {
                    result.completeExceptionally(new NotEnoughSliversAvailableException(metadata.blobId(),
                            valid.size(), needed));
                }
            }
            if (again) {
                LOG.debug("primary sliver {} of {} from {} unusable: {}", pairIndex, metadata.blobId(),
                        owner == null ? "?" : owner.id(),
                        error == null ? "missing or invalid" : error.toString());
                launchNext();
            }
        }
    }
}
