package io.floe.actors.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChargeLogTest {
    private static LedgerState.Charge charge(long cost) {
        return new LedgerState.Charge("gateway", cost, 1_000 - cost, new Epoch(1));
    }

    @Test
    void keepsChargesInTheOrderMadeAndEqualsAPlainMap() {
        Map<ObjectId, LedgerState.Charge> plain = new LinkedHashMap<>();
        ChargeLog log = ChargeLog.of(Map.of());
        List<ObjectId> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ObjectId key = ObjectId.random();
            keys.add(key);
            plain.put(key, charge(i));
            log = log.with(key, charge(i));
        }
        assertEquals(plain, log);
        assertEquals(log, plain);
        assertEquals(keys, new ArrayList<>(log.keySet()));
        assertEquals(charge(7), log.get(keys.get(7)));
    }

    @Test
    void extendingLeavesTheEarlierLogAsItWas() {
        ObjectId first = ObjectId.random();
        ChargeLog one = ChargeLog.of(Map.of(first, charge(1)));
        ChargeLog two = one.with(ObjectId.random(), charge(2));
        assertEquals(1, one.size());
        assertEquals(2, two.size());
        assertSame(two, ChargeLog.of(two));
    }

    @Test
    void refusesChanges() {
        ChargeLog log = ChargeLog.of(Map.of(ObjectId.random(), charge(1)));
        assertThrows(UnsupportedOperationException.class, () -> log.put(ObjectId.random(), charge(2)));
        assertThrows(UnsupportedOperationException.class, () -> log.entrySet().clear());
    }

    @Test
    void aLedgerStateKeepsTheLogItIsGiven() {
        LedgerState state = LedgerState.empty().withCharge("gateway", ObjectId.random(), 5);
        LedgerState next = state.withCharge("gateway", ObjectId.random(), 6);
        assertEquals(ChargeLog.class, next.charges().getClass());
        assertEquals(2, next.charges().size());
        assertEquals(1, state.charges().size());
    }
}
