package io.floe.protocol.ledger;

import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * One stake in a node's pool, as Walrus's {@code StakedWal} object: {@code principal} FROST of {@code owner}'s,
 * counted in the committees of epochs {@code activationEpoch} up to, not including, {@code withdrawEpoch} once a
 * withdrawal is requested. Its FROST return to the owner with {@code withdraw-stake} once the current epoch has
 * reached {@code withdrawEpoch} and that epoch's change is done (no committee still needs it).
 *
 * @param id the ledger's sequence number for this stake, unique in the network
 */
public record StakedWal(long id, NodeId node, String owner, long principal, Epoch activationEpoch,
                        Optional<Epoch> withdrawEpoch) {
    public StakedWal {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(activationEpoch, "activationEpoch");
        Objects.requireNonNull(withdrawEpoch, "withdrawEpoch");
        if (principal <= 0) {
            throw new IllegalArgumentException("a stake must be > 0 FROST: " + principal);
        }
    }

    /** Whether this stake counts in the committee of {@code epoch}. */
    public boolean countsIn(Epoch epoch) {
        return activationEpoch.compareTo(epoch) <= 0 && withdrawEpoch.map(w -> epoch.compareTo(w) < 0).orElse(true);
    }

    /** This stake with its withdrawal requested: it stops counting from {@code epoch}. */
    public StakedWal withdrawingFrom(Epoch epoch) {
        return new StakedWal(id, node, owner, principal, activationEpoch, Optional.of(epoch));
    }

    /**
     * Whether its FROST may return to the owner when the ledger is in {@code current} epoch, whose change to it is
     * done or not: after its withdraw epoch, or in it once no committee still moves shards away from the node.
     */
    public boolean isWithdrawable(Epoch current, boolean changeDone) {
        return withdrawEpoch.map(w -> current.compareTo(w) > 0 || (current.equals(w) && changeDone)).orElse(false);
    }
}
