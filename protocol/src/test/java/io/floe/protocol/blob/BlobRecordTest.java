package io.floe.protocol.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Epoch;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which pending registration a store may reuse instead of paying again (Walrus's {@code reuseRegistration}). */
class BlobRecordTest {
    private static final BlobId ID = BlobId.of(new byte[32]);
    private static final String GATEWAY = "gateway";
    private static final Epoch WANTED_END = new Epoch(5);

    @Test
    void reusesThePendingRegistrationOfTheGatewayThatLastsLongEnough() {
        Registration pending = registration(GATEWAY, 5, false, false);

        assertEquals(Optional.of(pending), record(pending).reusablePending(GATEWAY, false, WANTED_END));
    }

    @Test
    void picksTheLongestOfSeveralThatFit() {
        Registration shorter = registration(GATEWAY, 6, false, false);
        Registration longer = registration(GATEWAY, 8, false, false);

        assertEquals(Optional.of(longer), record(shorter, longer).reusablePending(GATEWAY, false, WANTED_END));
    }

    @Test
    void neverReusesACertifiedRegistration() {
        assertTrue(record(registration(GATEWAY, 9, false, true)).reusablePending(GATEWAY, false, WANTED_END).isEmpty());
    }

    @Test
    void neverReusesAnotherOwnersRegistration() {
        assertTrue(record(registration("alice", 9, false, false)).reusablePending(GATEWAY, false, WANTED_END).isEmpty());
    }

    @Test
    void neverReusesOneOfTheOtherKind() {
        BlobRecord deletable = record(registration(GATEWAY, 9, true, false));
        BlobRecord permanent = record(registration(GATEWAY, 9, false, false));

        assertTrue(deletable.reusablePending(GATEWAY, false, WANTED_END).isEmpty(), "deletable for a permanent store");
        assertTrue(permanent.reusablePending(GATEWAY, true, WANTED_END).isEmpty(), "permanent for a deletable store");
    }

    @Test
    void neverReusesOneThatEndsBeforeTheWantedEnd() {
        assertTrue(record(registration(GATEWAY, 4, false, false)).reusablePending(GATEWAY, false, WANTED_END).isEmpty());
    }

    private static BlobRecord record(Registration... registrations) {
        return new BlobRecord(ID, List.of(registrations));
    }

    private static Registration registration(String owner, int endEpoch, boolean deletable, boolean certified) {
        return new Registration(ObjectId.random(), owner, 100, 7000, new Epoch(1), new Epoch(endEpoch), deletable, 42,
                certified ? Optional.of(new Epoch(1)) : Optional.empty());
    }
}
