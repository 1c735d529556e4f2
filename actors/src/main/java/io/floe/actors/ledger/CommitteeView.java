package io.floe.actors.ledger;

import io.floe.protocol.committee.Committee;
import java.util.Optional;

/**
 * A node-local view of the current committee, filled from the ledger. Entities read it on every command instead of
 * asking the ledger singleton, so a certification does not wait on a cluster round trip.
 *
 * <p>Invariant: {@link #current()} never blocks; it is empty until the ledger has formed a committee (and answers
 * the last one seen if the ledger is briefly unreachable).
 */
@FunctionalInterface
public interface CommitteeView {
    Optional<Committee> current();
}
