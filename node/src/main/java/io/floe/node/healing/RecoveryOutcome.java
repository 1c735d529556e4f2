package io.floe.node.healing;

import io.floe.encoding.redstuff.InconsistencyProof;

/** What one {@link PairRecovery#recover} achieved. */
sealed interface RecoveryOutcome {
    /** Both slivers of the pair were already stored and valid; nothing was fetched. */
    record AlreadyHeld() implements RecoveryOutcome {
    }

    /**
     * The missing slivers were rebuilt, verified and stored.
     *
     * @param slivers how many slivers were rebuilt (1 or 2)
     * @param bytesFetched symbol, proof and metadata bytes received from peers for them
     * @param bytesRebuilt the rebuilt slivers' data bytes
     */
    record Rebuilt(int slivers, long bytesFetched, long bytesRebuilt) implements RecoveryOutcome {
    }

    /** Proven symbols decode to a sliver that fails its hash: the blob was encoded inconsistently. */
    record Inconsistent(InconsistencyProof proof) implements RecoveryOutcome {
    }

    /** Not possible now (too few peers answered, no metadata anywhere, ...); worth retrying later. */
    record Failed(String reason) implements RecoveryOutcome {
    }
}
