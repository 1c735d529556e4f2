package io.floe.cluster.readside;

import io.floe.actors.readside.BlobIndexProjection;
import io.floe.actors.readside.ReadSideSettings;
import io.floe.api.gateway.BlobListings;
import io.floe.cluster.health.HealthSources;
import io.floe.persistence.readside.BlobIndexStore;
import io.floe.persistence.readside.BlobIndexStoreException;
import io.floe.protocol.committee.Epoch;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway's read-side: the store of its journal mode, the blob index projection as a cluster singleton among the
 * members with {@link #ROLE}, and the {@link BlobListings} the client API lists from.
 *
 * <p>Why the gateway role: the read-side exists to answer the gateway's listings, so a network that lists has a
 * gateway to run it on; the projection's reads and writes stay off storage nodes, whose work (slivers, recovery)
 * is the latency-critical path and whose members are the ones killed and restarted when nodes fail; and with the
 * usual single gateway the singleton is local, with no hand-over. Several gateways share one singleton (the
 * oldest runs it); each reads the shared store itself, and each one's {@code /ready} waits for the shared
 * projection to catch up ({@link FeedBacklog}).
 */
public final class ReadSide {
    /** The cluster role whose oldest member runs the projection. */
    public static final String ROLE = "gateway";
    /** How long a listing waits for the store before it answers 503. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ReadSide.class);

    private ReadSide() {
    }

    /**
     * Opens the store, joins the projection singleton and closes the store when the actor system ends. A store that
     * cannot be opened costs the listing only (it answers 503), not the rest of the gateway.
     */
    public static BlobListings start(ActorSystem<?> system) {
        return start(system, () -> java.util.concurrent.CompletableFuture.completedFuture(Optional.empty()));
    }

    /** As {@link #start(ActorSystem)}, owner listings hiding what expired by {@code currentEpoch}. */
    public static BlobListings start(ActorSystem<?> system, Supplier<CompletionStage<Optional<Epoch>>> currentEpoch) {
        BlobIndexStore store;
        try {
            store = BlobIndexStore.open(system.settings().config());
        } catch (BlobIndexStoreException | IllegalStateException e) {
            // The read-side is optional for a gateway: stores and reads go on, only listings answer 503.
            LOG.error("read-side: the store cannot be opened, GET /v1/blobs answers 503: {}", e.getMessage());
            return BlobListings.unavailable("the read-side store cannot be opened: " + e.getMessage());
        }
        system.getWhenTerminated().thenRun(store::close);
        BlobIndexProjection.initSingleton(system, ROLE, store, ReadSideSettings.from(system.settings().config()));
        HealthSources.get(system).readSide(new FeedBacklog(system, store));
        LOG.info("read-side: blob index projection joined (singleton on role {})", ROLE);
        return new ReadSideListings(store, QUERY_TIMEOUT, currentEpoch);
    }
}
