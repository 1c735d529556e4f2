package io.floe.cli.client;

import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's answer to a staking command: the stakes created or changed, the FROST moved (staked, or returned by a
 * withdrawal; 0 for a withdrawal request) and the gateway account's balance afterwards. {@link #json()} is the answer
 * on one line.
 */
public record StakeResult(List<Stake> stakes, long amount, long balanceAfter, String json) {
    public StakeResult {
        stakes = List.copyOf(stakes);
    }

    /** One stake with a node's pool: counted from {@code activationEpoch}, until {@code withdrawEpoch} once requested. */
    public record Stake(long id, NodeId node, long principal, Epoch activationEpoch, Optional<Epoch> withdrawEpoch) {
    }
}
