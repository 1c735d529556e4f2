package io.floe.node.shard;

import io.floe.protocol.committee.NodeId;

/**
 * Why {@link CommitteeShardAllocationStrategy} did not place a shard. It fails the allocation future, the
 * coordinator logs it and drops the request, and the shard region asks again on its retry tick while it keeps
 * the shard's messages buffered; so every subclass names a condition that a later attempt may find changed.
 *
 * <p>Invariant: no stack trace is recorded. These are expected states (a node down, a ledger not yet read),
 * logged by Pekko at every retry, where a trace would only bury the message.
 */
abstract sealed class ShardAllocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShardAllocationException(String message) {
        super(message, null, false, false);
    }

    /**
     * The shard's holder ({@code EpochCommittees.holderOf}: its owner, or its previous owner until the new one has
     * synced it) has no shard region registered (node down or starting).
     */
    public static final class OwnerUnavailable extends ShardAllocationException {
        private static final long serialVersionUID = 1L;
        private final String shardId;
        private final transient NodeId owner;

        public OwnerUnavailable(String shardId, NodeId owner) {
            super("shard " + shardId + " is held by node " + owner + ", which has no shard region now");
            this.shardId = shardId;
            this.owner = owner;
        }

        public String shardId() {
            return shardId;
        }

        public NodeId owner() {
            return owner;
        }
    }

    /** The Pekko shard ID is not a Walrus shard index of this committee: an entity was addressed wrongly. */
    public static final class InvalidShardId extends ShardAllocationException {
        private static final long serialVersionUID = 1L;
        private final String shardId;
        private final int nShards;

        public InvalidShardId(String shardId, int nShards) {
            super("shard ID \"" + shardId + "\" is not a shard index in [0, " + nShards + ")");
            this.shardId = shardId;
            this.nShards = nShards;
        }

        public String shardId() {
            return shardId;
        }

        public int nShards() {
            return nShards;
        }
    }

    /** No committee is known yet (the ledger has not been read), so no shard has an owner. */
    public static final class NoCommittee extends ShardAllocationException {
        private static final long serialVersionUID = 1L;

        public NoCommittee(String shardId) {
            super("shard " + shardId + " cannot be placed before a committee is known");
        }
    }
}
