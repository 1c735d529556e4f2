package io.floe.actors.ledger;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node-local view of the committees, filled from the ledger. Entities read it on every command instead of asking
 * the ledger singleton, so a certification does not wait on a cluster round trip.
 *
 * <p>Invariant: no method blocks; everything is empty until the ledger has formed the first committee (and answers
 * the last state seen if the ledger is briefly unreachable).
 */
@FunctionalInterface
public interface CommitteeView {
    /** The epochs' committees and state as last seen. */
    Optional<EpochCommittees> epochs();

    /** A view that never changes: {@code committee} as a genesis epoch of one day (tests of one component). */
    static CommitteeView fixed(Committee committee) {
        Optional<EpochCommittees> e = Optional.of(EpochCommittees.genesis(committee, java.time.Instant.EPOCH,
                java.time.Duration.ofDays(1)));
        return () -> e;
    }

    /** The committee of the current epoch. */
    default Optional<Committee> current() {
        return epochs().map(EpochCommittees::current);
    }

    /**
     * The committees whose signatures count now: the current one first, then the previous one while shards move
     * away from it (a node that signed just before it saw the change is still counted); empty before the first.
     */
    default List<Committee> signing() {
        List<Committee> signing = new ArrayList<>(2);
        epochs().ifPresent(e -> {
            signing.add(e.current());
            e.previous().ifPresent(signing::add);
        });
        return signing;
    }

    /** The committee of {@code epoch} if it is the current one or the previous one still known. */
    default Optional<Committee> of(Epoch epoch) {
        Optional<EpochCommittees> e = epochs();
        if (e.isEmpty()) {
            return Optional.empty();
        }
        if (e.get().current().epoch().equals(epoch)) {
            return Optional.of(e.get().current());
        }
        return e.get().previous().filter(p -> p.epoch().equals(epoch));
    }
}
