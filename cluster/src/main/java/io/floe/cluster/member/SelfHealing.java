package io.floe.cluster.member;

import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.events.NodeEventProcessor;
import io.floe.actors.events.ProcessorSettings;
import io.floe.actors.recovery.InconsistencyReporter;
import io.floe.actors.recovery.PairRecovery;
import io.floe.actors.recovery.RecoveryMetrics;
import io.floe.actors.scrub.Scrubber;
import io.floe.api.control.ControlPlane;
import io.floe.cluster.config.FloeSettings;
import io.floe.cluster.control.CommitteeCache;
import io.floe.cluster.inconsistency.PeerInconsistencyReporter;
import io.floe.cluster.recovery.PeerPairRecovery;
import io.floe.cluster.recovery.RecoverySettings;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.NodeId;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * A storage member's self-healing parts, built together: its {@link RecoveryMetrics} (shown in {@code /v1/health}),
 * recovery from peers ({@link PeerPairRecovery}), inconsistency reports ({@link PeerInconsistencyReporter}), the
 * {@link NodeEventProcessor} that drives them from the blob event feed, and the {@link Scrubber} that hands it what
 * it finds damaged. Both stop in the first phase of coordinated shutdown, before the sliver store closes.
 */
final class SelfHealing {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final RecoveryMetrics metrics;
    private final NodeEventProcessor processor;
    private final Scrubber scrubber;

    private SelfHealing(RecoveryMetrics metrics, NodeEventProcessor processor, Scrubber scrubber) {
        this.metrics = metrics;
        this.processor = processor;
        this.scrubber = scrubber;
    }

    static SelfHealing create(ActorSystem<?> system, FloeSettings settings, NodeId nodeId, CommitteeCache committees,
                              SliverStore store, ControlPlane control) {
        FloeSettings.Recovery r = settings.recovery();
        RecoveryMetrics metrics = new RecoveryMetrics();
        HttpClient http = peerClient(system);
        PairRecovery recovery = new PeerPairRecovery(nodeId, committees::current, store, http, metrics,
                new RecoverySettings(r.symbolRequests(), r.requestTimeout(), r.proofFreeFirst(), r.busyRetryDelay()),
                system.dispatchers().lookup(DispatcherSelector.blocking()));
        InconsistencyReporter reporter = new PeerInconsistencyReporter(nodeId, committees::current, http, control,
                r.reportTimeout());
        NodeEventProcessor processor = new NodeEventProcessor(system, new NodeEventProcessor.Parts(nodeId, committees,
                store, recovery, reporter, metrics,
                system.settings().config().getString(BlobEventFeed.READ_JOURNAL_PLUGIN_KEY)),
                processorSettings(r), Clock.systemUTC());
        Scrubber scrubber = new Scrubber(system, store, processor, metrics,
                new Scrubber.Settings(settings.scrub().sliversPerSecond(), settings.scrub().passInterval()),
                Clock.systemUTC());
        SelfHealing healing = new SelfHealing(metrics, processor, scrubber);
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-self-healing",
                () -> {
                    healing.close();
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        return healing;
    }

    private static ProcessorSettings processorSettings(FloeSettings.Recovery r) {
        return new ProcessorSettings(r.grace(), r.parallelism(), r.retryBackoffMin(), r.retryBackoffMax(),
                r.feedBackoffMin(), r.feedBackoffMax());
    }

    /** One HTTP client for every peer request of recovery and inconsistency reports, on daemon threads. */
    private static HttpClient peerClient(ActorSystem<?> system) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "floe-peer-client-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        system.getWhenTerminated().thenRun(threads::shutdownNow);
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).executor(threads)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    RecoveryMetrics metrics() {
        return metrics;
    }

    NodeEventProcessor processor() {
        return processor;
    }

    /** The processor waits for the committee itself; the scrubber starts its first pass now. */
    void start() {
        processor.start();
        scrubber.start();
    }

    void close() {
        scrubber.close();
        processor.close();
    }
}
