package io.floe.actors.ledger;

import io.floe.protocol.blob.ObjectId;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import scala.collection.immutable.VectorMap;
import scala.collection.immutable.VectorMap$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every charge the ledger made, by key, in the order made: an immutable map that {@link #with} extends in
 * O(log n) without copying. The ledger keeps every charge forever (a retried charge is answered, not repeated), so a
 * copy per charge, as a plain map needed, made each charge cost O(charges so far) and a long run slow down.
 *
 * <p>Invariant: immutable (the {@link Map} view refuses changes); iteration follows the order charges were added.
 */
final class ChargeLog extends AbstractMap<ObjectId, LedgerState.Charge> {
    private static final ChargeLog EMPTY = new ChargeLog(VectorMap$.MODULE$.<ObjectId, LedgerState.Charge>empty());

    private final VectorMap<ObjectId, LedgerState.Charge> charges;
    private final Map<ObjectId, LedgerState.Charge> view;

    private ChargeLog(VectorMap<ObjectId, LedgerState.Charge> charges) {
        this.charges = charges;
        this.view = CollectionConverters.asJava(charges);
    }

    /** {@code charges} as a log, in its iteration order; a log is answered as it is. */
    static ChargeLog of(Map<ObjectId, LedgerState.Charge> charges) {
        if (charges instanceof ChargeLog log) {
            return log;
        }
        ChargeLog log = EMPTY;
        for (Map.Entry<ObjectId, LedgerState.Charge> e : charges.entrySet()) {
            log = log.with(e.getKey(), e.getValue());
        }
        return log;
    }

    /** This log with {@code charge} under {@code key} (replacing one under the same key in its place). */
    ChargeLog with(ObjectId key, LedgerState.Charge charge) {
        return new ChargeLog(charges.updated(key, charge));
    }

    @Override
    public LedgerState.Charge get(Object key) {
        return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public int size() {
        return charges.size();
    }

    @Override
    public Set<Map.Entry<ObjectId, LedgerState.Charge>> entrySet() {
        return view.entrySet();
    }
}
