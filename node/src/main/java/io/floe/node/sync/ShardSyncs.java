package io.floe.node.sync;

import io.floe.actors.ledger.CommitteeView;
import io.floe.api.control.ControlPlane;
import io.floe.api.node.NodeClient;
import io.floe.api.tls.NodePins;
import io.floe.node.healing.HealingService;
import io.floe.persistence.keys.NodeKeys;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.NodeId;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Assembles a running member's {@link ShardSyncDriver}: its settings from {@code floe.sync}, its own HTTP client to
 * the previous owners, the healing service as its recovery fallback; stopped in the first phase of coordinated
 * shutdown, before the sliver store closes.
 */
public final class ShardSyncs {
    private ShardSyncs() {
    }

    /** Starts polling the committees now; returns the driver, whose {@code status()} the health answer shows. */
    public static ShardSyncDriver start(ActorSystem<?> system, NodeId nodeId, NodeKeys keys, CommitteeView committees,
                                        ControlPlane control, SliverStore store, HealingService healing) {
        SyncSettings settings = SyncSettings.from(system.settings().config());
        ShardSyncClient client = new ShardSyncClient(NodeClient.httpClient(system, "floe-sync-client",
                NodePins.of(committees::epochs)), keys, settings.requestTimeout());
        ShardSyncDriver driver = new ShardSyncDriver(new ShardSyncDriver.Parts(nodeId, committees, control, store,
                SyncRecovery.of(healing::recheckEveryCertifiedBlob, healing::recoveryIdle), client), settings);
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-shard-sync",
                () -> {
                    driver.close();
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        driver.start();
        return driver;
    }
}
