package io.floe.node.sync;

import java.util.function.BooleanSupplier;

/**
 * What the shard sync needs from the node's self-healing: a durable request to check every certified blob again
 * (rebuilding what the node lacks on its current shards), and whether that work is all done.
 */
public interface SyncRecovery {
    /** Queues every certified blob for a check; durable once it returns. Blocking. */
    void recheckEveryCertifiedBlob();

    /** No recheck is waiting and nothing is left to recover. */
    boolean idle();

    /** The healing service's two entries, e.g. {@code of(healing::recheckEveryCertifiedBlob, healing::recoveryIdle)}. */
    static SyncRecovery of(Runnable recheck, BooleanSupplier idle) {
        return new SyncRecovery() {
            @Override
            public void recheckEveryCertifiedBlob() {
                recheck.run();
            }

            @Override
            public boolean idle() {
                return idle.getAsBoolean();
            }
        };
    }
}
