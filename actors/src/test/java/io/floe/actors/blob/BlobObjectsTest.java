package io.floe.actors.blob;

import static io.floe.actors.blob.BlobObjectFixture.bytes;
import static io.floe.actors.blob.BlobObjectFixture.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.blob.BlobObjectFixture.Account;
import io.floe.actors.blob.ObjectCommands.ObjectChange;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.proto.FloeAccountProto.DeleteBlobOp;
import io.floe.protocol.proto.FloeAccountProto.ExtendBlobOp;
import io.floe.protocol.proto.FloeAccountProto.ShareBlobOp;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Extending and deleting blob objects with signed requests: who may, until when, and how retries are answered. */
class BlobObjectsTest {
    private static final ActorTestKit KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());

    private final Account alice = Account.create();
    private final Account bob = Account.create();
    private BlobObjectFixture blob;

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        blob = new BlobObjectFixture(KIT);
    }

    private SignedRequest extend(Account signer, Registration r, int epochs) {
        return signer.sign(blob.request(signer).setExtendBlob(ExtendBlobOp.newBuilder()
                .setObjectId(bytes(r.objectId())).setEpochsExtended(epochs)).build());
    }

    private SignedRequest delete(Account signer, Registration r) {
        return signer.sign(blob.request(signer).setDeleteBlob(DeleteBlobOp.newBuilder()
                .setObjectId(bytes(r.objectId()))).build());
    }

    @Test
    void ownerExtendsCertifiedBlobOncePaid() {
        Registration r = blob.register(alice, true, 3, true);
        var result = blob.apply(extend(alice, r, 2), 500);
        ObjectChange change = result.reply().getValue();
        assertEquals(List.of(r.extendedTo(new Epoch(5))), change.after());
        assertEquals(new ObjectCommands.Extended(r.objectId(), new Epoch(5), change.key()), result.events().get(0));
        assertEquals(2, result.events().size());
        assertEquals(new Epoch(5), blob.entity.getState().registration(r.objectId()).orElseThrow().endEpoch());
    }

    @Test
    void refusesAnExtensionPricedFromAnEndThatMovedSince() {
        Registration r = blob.register(alice, true, 3, true);
        SignedRequest first = extend(alice, r, 2);
        SignedRequest second = extend(alice, r, 2);
        assertEquals(new Epoch(5), blob.applyPriced(first, 500, 3).reply().getValue().after().get(0).endEpoch());
        var late = blob.applyPriced(second, 500, 3);
        assertRefused("MALFORMED", late);
        assertTrue(late.events().isEmpty(), "two extensions priced from one end cannot both apply");
        assertEquals(new Epoch(5), blob.applyPriced(first, 500, 3).reply().getValue().after().get(0).endEpoch(),
                "a retry of the applied one still gets its answer");
    }

    @Test
    void refusesExtensionsNotAllowed() {
        Registration certified = blob.register(alice, false, 3, true);
        Registration pending = blob.register(alice, false, 3, false);
        assertRefused("NOT_OWNER", blob.apply(extend(bob, certified, 1), 500));
        assertRefused("NOT_CERTIFIED", blob.apply(extend(alice, pending, 1), 500));
        assertRefused("MALFORMED", blob.apply(extend(alice, certified, 1), 0));
        assertRefused("MALFORMED", blob.apply(extend(alice, certified, 0), 500));
    }

    @Test
    void anyoneExtendsSharedBlob() {
        Registration r = blob.register(alice, false, 3, true);
        blob.apply(alice.sign(blob.request(alice).setShareBlob(ShareBlobOp.newBuilder()
                .setObjectId(bytes(r.objectId()))).build()), 0);
        var result = blob.apply(extend(bob, r, 1), 500);
        assertEquals(new Epoch(4), result.reply().getValue().after().get(0).endEpoch());
        assertEquals(r.objectId(), blob.check(extend(bob, r, 1)).reply().getValue().registration().objectId(),
                "bob may check it too");
    }

    @Test
    void expiresAtTheEndOfItsEndEpoch() {
        Registration r = blob.register(alice, true, 3, true);
        blob.moveTo(2);
        assertTrue(blob.check(extend(alice, r, 1)).reply().isSuccess(), "epoch 2 < end 3: still active");
        blob.moveTo(3);
        assertRefused("EXPIRED_BLOB", blob.apply(extend(alice, r, 1), 500));
        assertRefused("EXPIRED_BLOB", blob.apply(delete(alice, r), 0));
    }

    @Test
    void deletesOnlyDeletableOwnedObjects() {
        Registration permanent = blob.register(alice, false, 4, true);
        Registration deletable = blob.register(alice, true, 3, false);
        assertRefused("NOT_DELETABLE", blob.apply(delete(alice, permanent), 0));
        assertRefused("NOT_OWNER", blob.apply(delete(bob, deletable), 0));

        var result = blob.apply(delete(alice, deletable), 0);
        ObjectChange change = result.reply().getValue();
        assertEquals(List.of(deletable), change.after());
        assertEquals(Optional.of(deletable.storage()), change.released());
        assertEquals(new ObjectCommands.Deleted(deletable.objectId(), Optional.of(new Epoch(4)), change.key()),
                result.events().get(0));
        assertEquals(List.of(permanent), blob.entity.getState().registrations());
    }

    @Test
    void deletingTheLastRegistrationKeepsNothing() {
        Registration r = blob.register(alice, true, 3, true);
        var result = blob.apply(delete(alice, r), 0);
        assertEquals(Optional.empty(), ((ObjectCommands.Deleted) result.events().get(0)).keptUntil());
        assertRefused("NOT_FOUND", blob.apply(extend(alice, r, 1), 500));
    }

    @Test
    void retriedDeleteAnswersTheSameAndTheObjectIdStaysDeleted() {
        Registration r = blob.register(alice, true, 3, true);
        SignedRequest request = delete(alice, r);
        StatusReply<ObjectChange> first = blob.apply(request, 0).reply();
        var again = blob.apply(request, 0);
        assertEquals(first, again.reply());
        assertTrue(again.hasNoEvents());
        assertEquals(r.objectId(), blob.check(request).reply().getValue().registration().objectId());

        blob.entity.restart();
        assertEquals(first, blob.apply(request, 0).reply());
        StatusReply<BlobEntity.RegisterReply> registerAgain = blob.entity.<StatusReply<BlobEntity.RegisterReply>>
                runCommand(replyTo -> new BlobEntity.Register(new Registration(r.objectId(), alice.address(), 100,
                6940, new Epoch(1), new Epoch(3), true, 2100, Optional.empty()), replyTo)).reply();
        assertEquals("NOT_FOUND", reason(registerAgain));
    }

    @Test
    void refusesTheSameRequestIdForOtherBytes() {
        Registration r = blob.register(alice, true, 3, true);
        var request = blob.request(alice).setExtendBlob(ExtendBlobOp.newBuilder()
                .setObjectId(bytes(r.objectId())).setEpochsExtended(1));
        blob.apply(alice.sign(request.build()), 500);
        SignedRequest otherBytes = alice.sign(request.setExtendBlob(ExtendBlobOp.newBuilder()
                .setObjectId(bytes(r.objectId())).setEpochsExtended(2)).build());
        assertRefused("ID_REUSED", blob.apply(otherBytes, 500));
        assertEquals("ID_REUSED", reason(blob.check(otherBytes).reply()));
    }

    @Test
    void forgedOrStaleRequestsPersistNothing() {
        Registration r = blob.register(alice, true, 3, true);
        SignedRequest good = extend(alice, r, 1);
        byte[] forged = good.signature();
        forged[0] ^= 1;
        assertRefused("INVALID_SIGNATURE", blob.apply(new SignedRequest(good.request(), good.publicKey(), forged), 500));
        SignedRequest signedByBob = bob.sign(blob.request(alice).setDeleteBlob(DeleteBlobOp.newBuilder()
                .setObjectId(bytes(r.objectId()))).build());
        assertRefused("WRONG_ACCOUNT", blob.apply(signedByBob, 0));
        SignedRequest otherBlob = alice.sign(blob.request(alice).setBlobId(bytes(r.objectId()))
                .setDeleteBlob(DeleteBlobOp.newBuilder().setObjectId(bytes(r.objectId()))).build());
        assertRefused("MALFORMED", blob.apply(otherBlob, 0));
        blob.clock.advance(java.time.Duration.ofMillis(60_000));
        assertRefused("EXPIRED", blob.apply(good, 500));
        assertEquals(new Epoch(3), blob.entity.getState().registration(r.objectId()).orElseThrow().endEpoch());
    }

    @Test
    void answersWithoutACommitteeOnlyWhatItAnsweredBefore() {
        Registration r = blob.register(alice, true, 3, true);
        SignedRequest first = extend(alice, r, 1);
        StatusReply<ObjectChange> answer = blob.apply(first, 500).reply();
        blob.epoch.set(Optional.empty());
        assertEquals(answer, blob.apply(first, 500).reply());
        assertRefused("UNAVAILABLE", blob.apply(extend(alice, r, 1), 500));
    }

    @Test
    void forgetsAnswersOnceTheirRequestsExpired() {
        Registration r = blob.register(alice, true, 3, true);
        SignedRequest first = extend(alice, r, 1);
        String firstKey = blob.apply(first, 500).reply().getValue().key();
        blob.clock.advance(java.time.Duration.ofMillis(30_000));
        SignedRequest second = extend(alice, r, 1);
        blob.apply(second, 500);
        assertTrue(blob.entity.getState().objects().answerTo(firstKey).isPresent(), "not expired when answered");
        blob.clock.advance(java.time.Duration.ofMillis(31_000));
        blob.apply(extend(alice, r, 1), 500);
        assertFalse(blob.entity.getState().objects().answerTo(firstKey).isPresent());
        assertTrue(blob.entity.getState().objects().answerTo(second.key()).isPresent());
    }

    private static void assertRefused(String reason, EventSourcedBehaviorTestKit.CommandResultWithReply<
            BlobEntity.Command, BlobEntity.Event, BlobEntity.State, ? extends StatusReply<?>> result) {
        assertEquals(reason, reason(result.reply()), () -> String.valueOf(result.reply().getError()));
        assertTrue(result.hasNoEvents());
    }
}
