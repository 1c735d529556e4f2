package io.floe.actors.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.blob.ObjectCommands;
import io.floe.actors.events.BlobEventEnvelope;
import io.floe.actors.events.FeedOffset;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.readside.BlobIndexRow;
import io.floe.persistence.readside.BlobIndexStatus;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.SignedMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlobIndexFoldTest {
    private final BlobId blobId = BlobId.of(new byte[32]);
    private final ObjectId permanent = ObjectId.of(filled(1));
    private final ObjectId deletable = ObjectId.of(filled(2));

    @Test
    void foldsRegistrationsAndTheFirstCertification() {
        List<BlobEventEnvelope> events = List.of(
                envelope(1, new BlobEntity.Registered(registration(permanent, "gateway", 6, false))),
                envelope(2, new BlobEntity.SliverPairsAttested(permanent, new NodeId("a"),
                        new SignedMessage(new byte[] {1}, new byte[] {2}))),
                envelope(3, new BlobEntity.Certified(permanent, new Epoch(2), List.of(new NodeId("a")))),
                envelope(4, new BlobEntity.Registered(registration(deletable, "alice", 9, true))));
        BlobIndexRow row = BlobIndexFold.fold(Map.of(), events).get(blobId);
        assertEquals(BlobIndexStatus.CERTIFIED, row.status());
        assertEquals(List.of("gateway", "alice"), row.owners());
        assertEquals(new Epoch(6), row.endEpoch(), "the longest certified registration, not the longest one");
        assertEquals(Optional.of(new Epoch(2)), row.certifiedEpoch());
        assertEquals(4, row.appliedSeqNr());
    }

    @Test
    void replayedEventsChangeNothing() {
        List<BlobEventEnvelope> events = List.of(
                envelope(1, new BlobEntity.Registered(registration(permanent, "gateway", 6, false))),
                envelope(2, new BlobEntity.Certified(permanent, new Epoch(2), List.of(new NodeId("a")))));
        BlobIndexRow row = BlobIndexFold.fold(Map.of(), events).get(blobId);
        assertEquals(Map.of(), BlobIndexFold.fold(Map.of(blobId, row), events), "a replay is no change");
        for (BlobEventEnvelope e : events) {
            assertSame(row, BlobIndexFold.apply(row, e));
        }
        // Even an event replayed under a fresh sequence number is idempotent on its own.
        assertEquals(row.registrations(), BlobIndexFold.apply(row, envelope(9, events.get(0).event())).registrations());
    }

    @Test
    void attestationsAloneLeaveTheRowAsItWas() {
        BlobIndexRow row = BlobIndexFold.fold(Map.of(), List.of(
                envelope(1, new BlobEntity.Registered(registration(permanent, "gateway", 6, false))))).get(blobId);
        BlobEventEnvelope attested = envelope(2, new BlobEntity.SliverPairsAttested(permanent, new NodeId("a"),
                new SignedMessage(new byte[] {1}, new byte[] {2})));
        assertEquals(Map.of(), BlobIndexFold.fold(Map.of(blobId, row), List.of(attested)));
    }

    @Test
    void anInvalidBlobStaysInvalid() {
        BlobIndexRow row = BlobIndexFold.fold(Map.of(), List.of(
                envelope(1, new BlobEntity.Registered(registration(permanent, "gateway", 6, false))),
                envelope(2, new BlobEntity.MarkedInvalid(new Epoch(1), List.of(new NodeId("a")))),
                envelope(3, new BlobEntity.Certified(permanent, new Epoch(2), List.of(new NodeId("a"))))))
                .get(blobId);
        assertEquals(BlobIndexStatus.INVALID, row.status());
    }

    @Test
    void followsWhatOwnersDoWithTheirObjects() {
        List<BlobEventEnvelope> events = List.of(
                envelope(1, new BlobEntity.Registered(registration(permanent, "alice", 6, false))),
                envelope(2, new BlobEntity.Registered(registration(deletable, "alice", 4, true))),
                envelope(3, new ObjectCommands.Extended(permanent, new Epoch(8), "alice/r1")),
                envelope(4, new ObjectCommands.OwnerChanged(permanent, "bob", "alice/r2")),
                envelope(5, new ObjectCommands.Deleted(deletable, Optional.of(new Epoch(8)), "alice/r3")));
        BlobIndexRow row = BlobIndexFold.fold(Map.of(), events).get(blobId);
        assertEquals(List.of("bob"), row.owners());
        assertEquals(1, row.registrations().size(), "the deleted registration is dropped");
        assertEquals(new Epoch(8), row.registration(permanent).orElseThrow().endEpoch());
        assertTrue(row.listedFor("bob", Optional.of(new Epoch(7))));
        assertFalse(row.listedFor("bob", Optional.of(new Epoch(8))), "expired at the end of its end epoch");
        assertFalse(row.listedFor("alice", Optional.empty()));

        BlobIndexRow burned = BlobIndexFold.apply(row, envelope(6, new ObjectCommands.Burned(List.of(permanent),
                "bob/r4")));
        assertTrue(burned.registration(permanent).orElseThrow().burned());
        assertFalse(burned.listedFor("bob", Optional.empty()), "a burned object is listed for nobody");
        assertEquals(6, burned.appliedSeqNr());
        assertEquals(burned.registrations(), BlobIndexFold.apply(burned, envelope(7, new ObjectCommands.Burned(
                List.of(permanent), "bob/r4"))).registrations(), "burning again changes nothing");
    }

    @Test
    void answersSharingAndAttributesLeaveTheRowAsItWas() {
        BlobIndexRow row = BlobIndexFold.fold(Map.of(), List.of(
                envelope(1, new BlobEntity.Registered(registration(permanent, "alice", 6, false))))).get(blobId);
        assertEquals(Map.of(), BlobIndexFold.fold(Map.of(blobId, row), List.of(
                envelope(2, new ObjectCommands.Shared(permanent, "alice/r1")),
                envelope(3, new ObjectCommands.AttributesChanged(permanent, Map.of("k", "v"), "alice/r2")))));
    }

    private Registration registration(ObjectId id, String owner, int endEpoch, boolean isDeletable) {
        return new Registration(id, owner, 1000, 2048, new Epoch(1), new Epoch(endEpoch), isDeletable, 10,
                Optional.empty());
    }

    private BlobEventEnvelope envelope(long seqNr, BlobEntity.Event event) {
        return new BlobEventEnvelope(new FeedOffset("seq:" + (100 + seqNr)), blobId, seqNr, event, 0L);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
