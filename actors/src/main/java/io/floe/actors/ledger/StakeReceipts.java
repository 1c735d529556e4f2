package io.floe.actors.ledger;

import io.floe.protocol.ledger.StakeChange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answers the ledger gave to its latest staking operations, by their {@link RequestKey}, so a retried call is
 * answered as the first one was and changes nothing.
 *
 * <p>Invariants: immutable; holds at most {@link #LIMIT} receipts, the latest ones in the order they were made (the
 * oldest is forgotten first). The order is the journal's, so replaying events or reading a snapshot yields the same
 * receipts. A retry comes within seconds of its first attempt (a few ask timeouts), so it is only answered afresh if
 * more than {@link #LIMIT} staking operations happened in between.
 */
public record StakeReceipts(Map<RequestKey, Receipt> byKey) {
    /** How many staking operations are remembered. */
    public static final int LIMIT = 1024;

    /** The kinds of staking operation; a key is answered only for the kind it was first used for. */
    public enum Operation { STAKE, REQUEST_WITHDRAWAL, WITHDRAWAL }

    /** One operation's answer as first given. */
    public record Receipt(Operation operation, StakeChange change) {
        public Receipt {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(change, "change");
        }
    }

    public StakeReceipts {
        if (byKey.size() > LIMIT) {
            throw new IllegalArgumentException("at most " + LIMIT + " receipts: " + byKey.size());
        }
        byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
    }

    public static StakeReceipts empty() {
        return new StakeReceipts(Map.of());
    }

    public Optional<Receipt> of(RequestKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** These receipts and {@code receipt} under {@code key} (if any), without the oldest beyond {@link #LIMIT}. */
    StakeReceipts with(Optional<RequestKey> key, Receipt receipt) {
        if (key.isEmpty()) {
            return this;
        }
        LinkedHashMap<RequestKey, Receipt> updated = new LinkedHashMap<>(byKey);
        updated.put(key.get(), receipt);
        while (updated.size() > LIMIT) {
            updated.remove(updated.keySet().iterator().next());
        }
        return new StakeReceipts(updated);
    }
}
