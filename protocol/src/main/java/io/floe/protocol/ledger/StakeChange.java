package io.floe.protocol.ledger;

import java.util.List;

/**
 * The answer to a staking operation of one account at one node: the stakes it created or changed, the FROST moved
 * (staked, or returned by a withdrawal; 0 for a withdrawal request) and the account's balance afterwards.
 */
public record StakeChange(List<StakedWal> stakes, long amount, long balanceAfter) {
    public StakeChange {
        stakes = List.copyOf(stakes);
    }
}
