package io.floe.api.client;

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
            return CompletableFuture.failedFuture(new BlobNotFoundException("no storage node has metadata for " + id));
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
     * Fetches {@code needed} verified primary slivers, trying the candidates' primary slivers (by sliver index, which
     * is also the pair index) in the order given: the first {@code needed} at once, then one more per failure.
     */
    private CompletableFuture<List<Sliver>> primaries(Committee committee, VerifiedMetadata metadata,
                                                      List<Integer> candidates, int needed) {
        SliverFetch fetch = new SliverFetch(committee, metadata, candidates, needed);
        fetch.start();
        return fetch.result;
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
            StorageNodeInfo owner = committee.member(committee.ownerOf(pair.shard(metadata.blobId().rotation(n), n)))
                    .orElseThrow();
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
                LOG.debug("primary sliver {} of {} from {} unusable: {}", pairIndex, metadata.blobId(), owner.id(),
                        error == null ? "missing or invalid" : error.toString());
                launchNext();
            }
        }
    }
}
