package io.floe.node.healing;

import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.ledger.CommitteeCache;
import io.floe.api.control.ControlPlane;
import io.floe.api.node.NodeClient;
import io.floe.api.tls.NodePins;
import io.floe.metrics.FloeMetrics;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.NodeId;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import io.floe.protocol.committee.EpochCommittees;

/**
 * A storage node's self-healing, assembled: its {@link HealingMetrics} (shown in {@code /v1/health}), recovery from
 * peers ({@link PeerPairRecovery}), inconsistency reports ({@link PeerInconsistencyReporter}), the
 * {@link NodeEventProcessor} that drives them from the blob event feed, and the {@link Scrubber} that hands it what
 * it finds damaged. Both stop in the first phase of coordinated shutdown, before the sliver store closes.
 */
public final class HealingService {
    private final HealingMetrics metrics;
    private final NodeEventProcessor processor;
    private final Scrubber scrubber;

    private HealingService(HealingMetrics metrics, NodeEventProcessor processor, Scrubber scrubber) {
        this.metrics = metrics;
        this.processor = processor;
        this.scrubber = scrubber;
    }

    public static HealingService create(ActorSystem<?> system, NodeId nodeId, RecoverySettings recovery,
                                        ScrubSettings scrub, CommitteeCache committees, SliverStore store,
                                        ControlPlane control) {
        HealingMetrics metrics = new HealingMetrics();
        HealingSeries.bind(metrics, FloeMetrics.get(system).registry());
        // One client for every peer request of recovery and inconsistency reports.
        HttpClient http = NodeClient.httpClient(system, "floe-peer-client", NodePins.of(committees::epochs));
        // Peers are the nodes holding each shard's data now: during a change, a moving shard's old owner until the
        // new one has synced it.
        PairRecovery pairs = new PeerPairRecovery(nodeId, () -> committees.epochs().map(EpochCommittees::holders),
                store, http, metrics, recovery, system.dispatchers().lookup(DispatcherSelector.blocking()));
        InconsistencyReporter reporter = new PeerInconsistencyReporter(nodeId, committees::current, http, control,
                recovery.reportTimeout());
        NodeEventProcessor processor = new NodeEventProcessor(system, new NodeEventProcessor.Parts(nodeId, committees,
                store, pairs, reporter, metrics,
                system.settings().config().getString(BlobEventFeed.READ_JOURNAL_PLUGIN_KEY), control::blob),
                recovery, Clock.systemUTC());
        Scrubber scrubber = new Scrubber(system, store, processor, metrics, scrub, Clock.systemUTC());
        HealingService healing = new HealingService(metrics, processor, scrubber);
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-self-healing",
                () -> {
                    healing.close();
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        return healing;
    }

    public HealingMetrics metrics() {
        return metrics;
    }

    /**
     * Checks every certified blob again and recovers what this node lacks of it on its current shards: the fallback
     * of a shard sync whose previous owner does not answer, and the catch-up after a bulk pull. Durable once it
     * returns (a restart still does it). Blocking.
     */
    public void recheckEveryCertifiedBlob() {
        processor.recheckEveryCertifiedBlob();
    }

    /** True once no recheck is waiting and the recovery backlog is empty. */
    public boolean recoveryIdle() {
        return processor.idle();
    }

    /** The processor waits for the committee itself; the scrubber starts its first pass now. */
    public void start() {
        processor.start();
        scrubber.start();
    }

    void close() {
        scrubber.close();
        processor.close();
    }
}
