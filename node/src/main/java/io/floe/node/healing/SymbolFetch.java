package io.floe.node.healing;

import io.floe.api.json.ApiErrors;
import io.floe.api.node.NodeClient;
import io.floe.api.node.NodeRequestException;
import io.floe.api.node.RecoverySymbolList;
import io.floe.encoding.index.SliverIndex;
import io.floe.protocol.committee.NodeId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects symbols for one target sliver until {@code needed} distinct source slivers are in hand. Requests go out in
 * waves, in parallel within a wave: each wave asks the next peers in plan order for just the shortfall (the last peer
 * of a wave for a subset of its slivers), so an honest network sends about as many symbols as the rebuild needs. A
 * peer that fails, times out or sends a symbol that does not check is skipped for the rest of the recovery; one that
 * is busy (503) is asked once more after a pause; one that answered with some symbols is asked later, if need be, for
 * slivers it was not asked for yet. Every peer is asked at most once per sliver it holds (plus one busy retry), so
 * the loop ends.
 */
final class SymbolFetch<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SymbolFetch.class);
    /** Longer lists would pass Pekko's default 2k URI limit; such a peer is asked for all its slivers instead. */
    private static final int MAX_LISTED_SOURCES = 300;

    /**
     * How one kind of symbol (proven or proof-free) is fetched and checked.
     *
     * @param fetch asks one peer for the symbols from the listed source slivers (empty: all it holds)
     * @param source the source sliver a symbol comes from
     * @param valid false for a symbol no honest node sends (wrong size, failing proof): its sender is skipped
     */
    record Kind<T>(BiFunction<NodeClient, List<SliverIndex>, CompletableFuture<RecoverySymbolList.Fetched<T>>> fetch,
                   Function<T, SliverIndex> source, Predicate<T> valid) {
    }

    /** The symbols collected by source sliver, who sent each, and the response-body bytes received. */
    record Result<T>(Map<SliverIndex, T> symbols, Map<SliverIndex, NodeId> senders, long bodyBytes) {
    }

    private record Ask(PeerPlan.Peer peer, List<SliverIndex> candidates, boolean retried) {
    }

    private final Kind<T> kind;
    private final int needed;
    private final String what;
    private final Set<NodeId> skipped;
    private final Function<PeerPlan.Peer, NodeClient> clients;
    private final Duration busyRetryDelay;
    private final Map<SliverIndex, T> have = new LinkedHashMap<>();
    private final Map<SliverIndex, NodeId> senders = new LinkedHashMap<>();
    private final Deque<Ask> queue = new ArrayDeque<>();
    private long bodyBytes;

    /**
     * @param local symbols this node computed from its own slivers (sent by {@code self})
     * @param skipped peers not to ask; shared by the recovery's fetches, and this one adds the peers it gives up on
     */
    SymbolFetch(Kind<T> kind, int needed, String what, NodeId self, Map<SliverIndex, T> local, List<PeerPlan.Peer> peers,
                Set<NodeId> skipped, Function<PeerPlan.Peer, NodeClient> clients, Duration busyRetryDelay) {
        this.kind = kind;
        this.needed = needed;
        this.what = what;
        this.skipped = skipped;
        this.clients = clients;
        this.busyRetryDelay = busyRetryDelay;
        have.putAll(local);
        local.keySet().forEach(source -> senders.put(source, self));
        peers.forEach(peer -> queue.add(new Ask(peer, peer.sources(), false)));
    }

    /** Completes when enough symbols are in hand or no peer is left to ask; never fails. */
    CompletableFuture<Result<T>> collect() {
        List<CompletableFuture<Void>> wave = planWave();
        if (wave.isEmpty()) {
            return CompletableFuture.completedFuture(result());
        }
        return CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).thenCompose(done -> collect());
    }

    private synchronized Result<T> result() {
        return new Result<>(new LinkedHashMap<>(have), new LinkedHashMap<>(senders), bodyBytes);
    }

    private synchronized List<CompletableFuture<Void>> planWave() {
        List<CompletableFuture<Void>> wave = new ArrayList<>();
        int shortfall = needed - have.size();
        while (shortfall > 0 && !queue.isEmpty()) {
            Ask ask = queue.poll();
            List<SliverIndex> wanted = ask.candidates().stream().filter(s -> !have.containsKey(s)).toList();
            if (skipped.contains(ask.peer().id()) || wanted.isEmpty()) {
                continue;
            }
            List<SliverIndex> asked = wanted.subList(0, Math.min(wanted.size(), shortfall));
            shortfall -= asked.size();
            wave.add(send(ask, wanted, asked));
        }
        return wave;
    }

    private CompletableFuture<Void> send(Ask ask, List<SliverIndex> wanted, List<SliverIndex> asked) {
        boolean all = asked.size() == ask.peer().sources().size() || asked.size() > MAX_LISTED_SOURCES;
        List<SliverIndex> expected = all ? wanted : asked;
        CompletableFuture<RecoverySymbolList.Fetched<T>> reply;
        try {
            reply = kind.fetch().apply(clients.apply(ask.peer()), all ? List.of() : asked);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((fetched, failure) -> failure == null
                ? accept(ask, expected, wanted, fetched) : failed(ask, failure)).thenCompose(f -> f);
    }

    private synchronized CompletableFuture<Void> accept(Ask ask, List<SliverIndex> expected, List<SliverIndex> wanted,
                                                        RecoverySymbolList.Fetched<T> fetched) {
        bodyBytes += fetched.bodyBytes();
        Set<SliverIndex> acceptable = new HashSet<>(expected);
        int bad = 0;
        int gained = 0;
        for (T symbol : fetched.symbols()) {
            SliverIndex source = kind.source().apply(symbol);
            if (!acceptable.contains(source) || have.containsKey(source)) {
                continue;
            }
            if (kind.valid().test(symbol)) {
                have.put(source, symbol);
                senders.put(source, ask.peer().id());
                gained++;
            } else {
                bad++;
            }
        }
        if (bad > 0) {
            skipped.add(ask.peer().id());
            LOG.warn("node {} sent {} bad symbols for {}; it is skipped for the rest of this recovery", ask.peer().id(),
                    bad, what);
            return CompletableFuture.completedFuture(null);
        }
        // A peer that had none of what it was asked for (wiped, still syncing) is not asked again for the rest.
        List<SliverIndex> rest = wanted.stream().filter(s -> !acceptable.contains(s)).toList();
        if (gained > 0 && !rest.isEmpty()) {
            queue.add(new Ask(ask.peer(), rest, ask.retried()));
        }
        return CompletableFuture.completedFuture(null);
    }

    private synchronized CompletableFuture<Void> failed(Ask ask, Throwable failure) {
        Throwable cause = ApiErrors.unwrap(failure);
        if (cause instanceof NodeRequestException e && e.status() == 503 && !ask.retried()) {
            queue.add(new Ask(ask.peer(), ask.candidates(), true));
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(busyRetryDelay.toMillis(), TimeUnit.MILLISECONDS));
        }
        skipped.add(ask.peer().id());
        LOG.debug("node {} gave no symbols for {}: {}", ask.peer().id(), what, cause.toString());
        return CompletableFuture.completedFuture(null);
    }
}
