package io.floe.actors.ledger;

import java.util.Objects;
import java.util.UUID;

/**
 * Names one staking call of a caller: chosen once per call and sent again with every retry of it, so the
 * {@link SystemLedger} can answer a retry with the first answer instead of staking or withdrawing twice.
 *
 * <p>Invariant: never blank. Keys of different calls must differ; {@link #random()} makes one.
 */
public record RequestKey(String value) {
    public RequestKey {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a request key must not be blank");
        }
    }

    /** A fresh key for one call (a random UUID). */
    public static RequestKey random() {
        return new RequestKey(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
