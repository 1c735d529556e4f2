package io.floe.actors.ledger;

import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.StakedWal;
import java.util.List;
import java.util.Optional;

/**
 * When stakes start and stop counting, as in Walrus: a committee once selected never changes, so a stake made or
 * withdrawn after the next committee was selected takes effect one epoch later.
 *
 * <p>Rules: a new stake counts from the first epoch whose committee is not selected yet; a withdrawal request stops
 * an active stake from that same epoch, and a stake no selected committee counts stops at once; the FROST return once
 * the ledger has reached the stop epoch and its change is done ({@link StakedWal#isWithdrawable}).
 */
final class StakeRules {
    private StakeRules() {
    }

    /** The latest epoch whose committee is chosen: the current one, or the next once selected. */
    static Epoch lastSelected(LedgerState state) {
        return state.epochState() == EpochState.NEXT_PARAMS_SELECTED ? state.epoch().plus(1) : state.epoch();
    }

    /** The epoch a stake made now first counts in. */
    static Epoch activation(LedgerState state) {
        return lastSelected(state).plus(1);
    }

    /** Why {@code account} cannot stake {@code amount} with {@code node}, if it cannot. */
    static Optional<String> stakeProblem(LedgerState state, String account, NodeId node, long amount) {
        if (account == null || account.isBlank()) {
            return Optional.of("staking needs an account");
        }
        if (amount <= 0) {
            return Optional.of("a stake must be > 0 FROST: " + amount);
        }
        if (!state.nodes().containsKey(node) && state.requireGenesis().node(node).isEmpty()) {
            return Optional.of("node " + node + " has no staking pool: it is not registered");
        }
        return Optional.empty();
    }

    /** {@code owner}'s stakes with {@code node} that no withdrawal was requested for, each with its stop epoch. */
    static List<StakedWal> withdrawalsRequested(LedgerState state, String owner, NodeId node) {
        Epoch selected = lastSelected(state);
        return state.book().of(owner, node).stream().filter(s -> s.withdrawEpoch().isEmpty())
                .map(s -> s.activationEpoch().compareTo(selected) > 0
                        ? s.withdrawingFrom(state.epoch())
                        : s.withdrawingFrom(selected.plus(1)))
                .toList();
    }

    /** {@code owner}'s stakes with {@code node} whose FROST may return now. */
    static List<StakedWal> due(LedgerState state, String owner, NodeId node) {
        return state.book().of(owner, node).stream()
                .filter(s -> s.isWithdrawable(state.epoch(), state.changeDone())).toList();
    }

    /** Why nothing is due: no withdrawal requested, or the epoch the first one becomes due in. */
    static String nothingDue(LedgerState state, String owner, NodeId node) {
        Optional<Epoch> first = state.book().of(owner, node).stream().map(StakedWal::withdrawEpoch)
                .flatMap(Optional::stream).min(Epoch::compareTo);
        return first.map(e -> "no stake of " + owner + " with " + node + " is withdrawable yet: the first is in epoch "
                        + e + " once its epoch change is done (now epoch " + state.epoch() + ", "
                        + state.epochState().walrusName() + ")")
                .orElse("no withdrawal of a stake of " + owner + " with " + node + " was requested");
    }

    static long sum(List<StakedWal> stakes) {
        long total = 0;
        for (StakedWal s : stakes) {
            total = Math.addExact(total, s.principal());
        }
        return total;
    }
}
