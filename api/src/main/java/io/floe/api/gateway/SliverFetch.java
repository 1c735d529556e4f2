package io.floe.api.gateway;

import io.floe.api.node.NodeClient;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverVerifier;
import io.floe.protocol.committee.StorageNodeInfo;
import java.util.ArrayList;
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
 * One read's sliver requests: which candidate pair comes next, which holder of a pair is asked, what arrived, and
 * when it is enough. A pair whose holder fails is asked of its other holder before the next pair is started.
 */
final class SliverFetch {
    private static final Logger LOG = LoggerFactory.getLogger(SliverFetch.class);

    private final Function<StorageNodeInfo, NodeClient> nodes;
    private final Executor cpu;
    private final int perNodeConcurrency;
    private final ShardHolders holders;
    private final VerifiedMetadata metadata;
    private final List<Integer> candidates;
    private final int needed;
    private final SliverVerifier verifier;
    private final Map<String, AsyncLimiter> limiters = new ConcurrentHashMap<>();
    private final List<Sliver> valid = new ArrayList<>();
    final CompletableFuture<List<Sliver>> result = new CompletableFuture<>();
    private int next;
    private int inFlight;

    SliverFetch(Function<StorageNodeInfo, NodeClient> nodes, Executor cpu, int perNodeConcurrency,
                ShardHolders holders, VerifiedMetadata metadata, List<Integer> candidates, int needed) {
        this.nodes = nodes;
        this.cpu = cpu;
        this.perNodeConcurrency = perNodeConcurrency;
        this.holders = holders;
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
        ask(pairIndex, 0);
    }

    /** Asks the pair's {@code attempt}-th holder; the caller counted the request in flight. */
    private void ask(int pairIndex, int attempt) {
        SliverPairIndex pair = new SliverPairIndex(pairIndex);
        int n = holders.nShards();
        List<StorageNodeInfo> nodesOf = holders.candidates(pair.shard(metadata.blobId().rotation(n), n));
        if (attempt >= nodesOf.size()) {
            arrived(Optional.empty(), null, pairIndex, attempt, new IllegalStateException("no holder left"));
            return;
        }
        StorageNodeInfo holder = nodesOf.get(attempt);
        AsyncLimiter limiter = limiters.computeIfAbsent(holder.id().value(), k -> new AsyncLimiter(perNodeConcurrency));
        limiter.submit(() -> nodes.apply(holder).getSliver(metadata.blobId(), pair, SliverType.PRIMARY))
                .thenApplyAsync(found -> found.filter(this::verified), cpu)
                .whenComplete((found, error) -> arrived(found == null ? Optional.empty() : found, holder, pairIndex,
                        attempt, error));
    }

    private boolean verified(Sliver sliver) {
        return sliver.type() == SliverType.PRIMARY && verifier.isValid(sliver);
    }

    private void arrived(Optional<Sliver> sliver, StorageNodeInfo holder, int pairIndex, int attempt,
                         Throwable error) {
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
            if (again && holder != null) {
                inFlight++;
            } else if (!again && !result.isDone() && inFlight == 0 && next == candidates.size()) {
                result.completeExceptionally(new NotEnoughSliversAvailableException(metadata.blobId(),
                        valid.size(), needed));
            }
        }
        if (!again) {
            return;
        }
        LOG.debug("primary sliver {} of {} from {} unusable: {}", pairIndex, metadata.blobId(),
                holder == null ? "?" : holder.id(), error == null ? "missing or invalid" : error.toString());
        if (holder != null) {
            ask(pairIndex, attempt + 1);
        } else {
            launchNext();
        }
    }
}
