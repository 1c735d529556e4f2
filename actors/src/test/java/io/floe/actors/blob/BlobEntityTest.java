package io.floe.actors.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.blob.BlobEntity.CertifyReply;
import io.floe.actors.blob.BlobEntity.MarkInvalidReply;
import io.floe.actors.blob.BlobEntity.RegisterReply;
import io.floe.actors.ledger.CommitteeView;
import io.floe.actors.testing.TestNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.SignedMessage;
import io.floe.protocol.testing.MessageOracle;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobEntityTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());
    private static final Epoch EPOCH = Epoch.GENESIS;

    // Seven shards: a holds 3, b 2, c and d 1 each. A quorum needs 3w >= 15, so w >= 5 (a+b, or a+c+d).
    private final TestNode a = TestNode.create("a");
    private final TestNode b = TestNode.create("b");
    private final TestNode c = TestNode.create("c");
    private final TestNode d = TestNode.create("d");
    private final Committee committee = new Committee(EPOCH,
            List.of(a.info(30), b.info(20), c.info(10), d.info(10)),
            List.of(a.id(), a.id(), a.id(), b.id(), b.id(), c.id(), d.id()));
    private final AtomicReference<Optional<Committee>> view = new AtomicReference<>(Optional.of(committee));
    /** When set, the view during an epoch change (it wins over {@link #view}). */
    private final AtomicReference<Optional<EpochCommittees>> changing = new AtomicReference<>(Optional.empty());

    private BlobId blobId;
    private EventSourcedBehaviorTestKit<BlobEntity.Command, BlobEntity.Event, BlobEntity.State> entity;

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @BeforeEach
    void startEntity() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        blobId = BlobId.of(id);
        entity = EventSourcedBehaviorTestKit.create(TEST_KIT.system(),
                BlobEntity.create(blobId.toString(), () -> changing.get()
                        .or(() -> view.get().map(c -> CommitteeView.fixed(c).epochs().orElseThrow()))),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    }

    @Test
    void registersOnce() {
        Registration first = registration(false);
        var created = runRegister(first);
        assertEquals(StatusReply.success(new RegisterReply(first, true)), created.reply());
        assertEquals(new BlobEntity.Registered(first), created.event());

        Registration sameObjectOtherOwner = new Registration(first.objectId(), "someone-else", 1, 2, EPOCH,
                EPOCH.plus(9), true, 99, Optional.empty());
        var again = runRegister(sameObjectOtherOwner);
        assertEquals(StatusReply.success(new RegisterReply(first, false)), again.reply());
        assertTrue(again.hasNoEvents());
        assertEquals(List.of(first), entity.getState().registrations());
    }

    @Test
    void keepsSeveralRegistrationsOfOneBlob() {
        Registration permanent = register(false);
        Registration deletable = register(true);
        BlobRecord record = entity.<BlobRecord>runCommand(BlobEntity.GetStatus::new).reply();
        assertEquals(new BlobRecord(blobId, List.of(permanent, deletable)), record);
        assertFalse(record.certified());
    }

    @Test
    void refusesRegistrationThatArrivesCertified() {
        Registration certified = registration(false).certifiedAt(EPOCH);
        var result = runRegister(certified);
        assertTrue(result.reply().isError());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void certifiesAtQuorumOnly() {
        Registration reg = register(false);
        var first = certify(reg.objectId(), confirmation(a, reg));
        assertEquals(StatusReply.success(new BlobEntity.NotEnough(3, 7, 0)), first.reply());
        assertEquals(List.of(attested(a, reg)), first.events());

        var second = certify(reg.objectId(), confirmation(b, reg));
        assertEquals(2, second.events().size());
        assertEquals(new BlobEntity.Certified(reg.objectId(), EPOCH, List.of(a.id(), b.id())), second.events().get(1));
        BlobRecord expected = new BlobRecord(blobId, List.of(reg.certifiedAt(EPOCH)));
        assertEquals(StatusReply.success(new CertifyReply.Certified(expected)), second.reply());
        assertEquals(expected, entity.<BlobRecord>runCommand(BlobEntity.GetStatus::new).reply());
    }

    @Test
    void weightCountsShardsNotNodes() {
        Registration reg = register(false);
        // Three of four nodes, but only 4 of 7 shards: not a quorum.
        var result = certify(reg.objectId(), confirmation(b, reg), confirmation(c, reg), confirmation(d, reg));
        assertEquals(StatusReply.success(new BlobEntity.NotEnough(4, 7, 0)), result.reply());
        assertEquals(3, result.events().size());
    }

    @Test
    void ignoresBadSignature() {
        Registration reg = register(false);
        SignedMessage genuine = confirmation(a, reg).confirmation();
        // a's message, signed by b's key.
        NodeConfirmation forged = new NodeConfirmation(a.id(),
                new SignedMessage(genuine.serializedMessage(), b.sign(genuine.serializedMessage())));
        var result = certify(reg.objectId(), forged, confirmation(b, reg));
        assertEquals(StatusReply.success(new BlobEntity.NotEnough(2, 7, 1)), result.reply());
        assertEquals(List.of(attested(b, reg)), result.events());
    }

    @Test
    void ignoresMessageForOtherBlob() {
        Registration reg = register(false);
        BlobId other = BlobId.of(new byte[32]);
        NodeConfirmation otherBlob = new NodeConfirmation(a.id(), a.confirmPermanent(EPOCH, other));
        NodeConfirmation otherEpoch = new NodeConfirmation(a.id(), a.confirmPermanent(EPOCH.plus(1), blobId));
        NodeConfirmation deletableForm = new NodeConfirmation(a.id(),
                a.confirmDeletable(EPOCH, blobId, reg.objectId()));
        NodeConfirmation notAMember = new NodeConfirmation(new NodeId("z"), a.confirmPermanent(EPOCH, blobId));
        var result = certify(reg.objectId(), otherBlob, otherEpoch, deletableForm, notAMember);
        assertEquals(StatusReply.success(new BlobEntity.NotEnough(0, 7, 4)), result.reply());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void deletableConfirmationBindsTheObjectId() {
        Registration first = register(true);
        Registration second = register(true);
        // Confirmations for the second registration do not count for the first.
        var wrong = certify(first.objectId(), confirmation(a, second), confirmation(b, second));
        assertEquals(StatusReply.success(new BlobEntity.NotEnough(0, 7, 2)), wrong.reply());
        CertifyReply right = certify(first.objectId(), confirmation(a, first), confirmation(c, first),
                confirmation(d, first)).reply().getValue();
        assertEquals(List.of(first.certifiedAt(EPOCH), second),
                ((CertifyReply.Certified) right).blob().registrations());
    }

    @Test
    void certifyingTwiceChangesNothing() {
        Registration reg = register(false);
        certify(reg.objectId(), confirmation(a, reg), confirmation(b, reg));
        var again = certify(reg.objectId(), confirmation(c, reg), confirmation(d, reg));
        BlobRecord certified = new BlobRecord(blobId, List.of(reg.certifiedAt(EPOCH)));
        assertEquals(StatusReply.success(new CertifyReply.Certified(certified)), again.reply());
        assertTrue(again.hasNoEvents());
    }

    @Test
    void repeatedConfirmationIsStoredOnce() {
        Registration reg = register(false);
        certify(reg.objectId(), confirmation(a, reg), confirmation(a, reg));
        var again = certify(reg.objectId(), confirmation(a, reg));
        assertEquals(StatusReply.success(new BlobEntity.NotEnough(3, 7, 0)), again.reply());
        assertTrue(again.hasNoEvents());
        assertEquals(1, entity.getState().attestationsOf(reg.objectId()).size());
    }

    @Test
    void keepsAttestationsAcrossRestart() {
        Registration reg = register(false);
        certify(reg.objectId(), confirmation(a, reg));
        BlobEntity.State before = entity.getState();

        BlobEntity.State after = entity.restart().state();
        assertEquals(before, after);
        assertEquals(List.of(a.id()), List.copyOf(after.attestationsOf(reg.objectId()).keySet()));
        assertInstanceOf(CertifyReply.Certified.class,
                certify(reg.objectId(), confirmation(b, reg)).reply().getValue());
    }

    @Test
    void snapshotsEveryHundredEvents() {
        for (int i = 0; i < 100; i++) {
            register(false);
        }
        BlobEntity.State state = entity.getState();
        // The snapshot holds the state after event 100, and a restart recovers it.
        entity.snapshotTestKit().orElseThrow().expectNextPersisted("Blob|" + blobId, state);
        assertEquals(state, entity.restart().state());
    }

    @Test
    void rejectsUnknownRegistration() {
        var result = certify(ObjectId.random(), new NodeConfirmation(a.id(), a.confirmPermanent(EPOCH, blobId)));
        assertTrue(result.reply().isError());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void answersUnavailableWithoutCommittee() {
        Registration reg = register(false);
        view.set(Optional.empty());
        var result = certify(reg.objectId(), confirmation(a, reg), confirmation(b, reg));
        assertInstanceOf(BlobEntity.Unavailable.class, result.reply().getValue());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void answersUnavailableToMarkInvalidWithoutCommittee() {
        register(false);
        view.set(Optional.empty());
        var result = markInvalid(invalid(a), invalid(b));
        assertEquals(new BlobEntity.Unavailable("no committee is known yet"), result.reply());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void attestationsOfAnEarlierEpochDoNotCount() {
        Registration reg = register(false);
        certify(reg.objectId(), confirmation(a, reg));
        Committee next = new Committee(EPOCH.plus(1), committee.members(), committee.shardOwners());
        view.set(Optional.of(next));
        NodeConfirmation bNext = new NodeConfirmation(b.id(), b.confirmPermanent(next.epoch(), blobId));
        assertEquals(StatusReply.success(new BlobEntity.NotEnough(2, 7, 0)), certify(reg.objectId(), bNext).reply());
        NodeConfirmation aNext = new NodeConfirmation(a.id(), a.confirmPermanent(next.epoch(), blobId));
        CertifyReply certified = certify(reg.objectId(), aNext).reply().getValue();
        assertEquals(List.of(reg.certifiedAt(next.epoch())),
                ((CertifyReply.Certified) certified).blob().registrations());
    }

    @Test
    void certifiesWithThePreviousCommitteeWhileShardsMove() {
        Registration reg = register(false);
        changing.set(Optional.of(movingToD()));
        // Confirmations of epoch 1 (5 of its 7 shards): the current committee finds none valid, the previous a quorum.
        var result = certify(reg.objectId(), confirmation(a, reg), confirmation(b, reg));
        assertEquals(new BlobEntity.Certified(reg.objectId(), EPOCH, List.of(a.id(), b.id())),
                result.events().get(2));
    }

    @Test
    void prefersTheCurrentCommitteeAndItsEpoch() {
        Registration reg = register(false);
        EpochCommittees moving = movingToD();
        changing.set(Optional.of(moving));
        Epoch two = moving.epoch();
        NodeConfirmation bTwo = new NodeConfirmation(b.id(), b.confirmPermanent(two, blobId));
        NodeConfirmation dTwo = new NodeConfirmation(d.id(), d.confirmPermanent(two, blobId));
        var result = certify(reg.objectId(), confirmation(a, reg), confirmation(b, reg), bTwo, dTwo);
        assertEquals(new BlobEntity.Certified(reg.objectId(), two, List.of(b.id(), d.id())),
                result.events().get(result.events().size() - 1));
        // b signed for both epochs: the newer confirmation is the one kept.
        assertEquals(bTwo.confirmation(), entity.getState().attestationsOf(reg.objectId()).get(b.id()));
    }

    @Test
    void keepsTheAttestationsItsCertificateCounted() {
        Registration reg = register(false);
        EpochCommittees moving = movingToD();
        changing.set(Optional.of(moving));
        NodeConfirmation bTwo = new NodeConfirmation(b.id(), b.confirmPermanent(moving.epoch(), blobId));
        // Epoch 2's committee counts only b (2 of 7); epoch 1's counts a and b (5 of 7) and certifies.
        var result = certify(reg.objectId(), confirmation(a, reg), confirmation(b, reg), bTwo);
        assertEquals(new BlobEntity.Certified(reg.objectId(), EPOCH, List.of(a.id(), b.id())),
                result.events().get(result.events().size() - 1));
        assertEquals(confirmation(b, reg).confirmation(), entity.getState().attestationsOf(reg.objectId()).get(b.id()),
                "b's stored attestation is the epoch-1 one the certificate counted");
    }

    /** Epoch 2 in its change: d took a's three shards (d holds 4 of 7, b 2, c 1). */
    private EpochCommittees movingToD() {
        Committee next = new Committee(EPOCH.plus(1), committee.members(),
                List.of(d.id(), d.id(), d.id(), b.id(), b.id(), c.id(), d.id()));
        return new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, Instant.EPOCH, Duration.ofMinutes(1), next,
                Optional.of(committee), Optional.empty(), Set.of());
    }

    @Test
    void marksInvalidAtValidityWeight() {
        Registration reg = register(false);
        // Validity needs 3w >= 8, so w >= 3: c and d together hold 2 shards.
        var weak = markInvalid(invalid(c), invalid(d));
        assertEquals(new BlobEntity.NotEnough(2, 7, 0), weak.reply());
        assertTrue(weak.hasNoEvents());

        var enough = markInvalid(invalid(c), invalid(b), invalid(c));
        assertEquals(new BlobEntity.MarkedInvalid(EPOCH, List.of(b.id(), c.id())), enough.event());
        BlobRecord expected = new BlobRecord(blobId, List.of(reg), true);
        assertEquals(new MarkInvalidReply.Marked(expected), enough.reply());
        assertEquals(expected, entity.<BlobRecord>runCommand(BlobEntity.GetStatus::new).reply());
        assertFalse(expected.readable());

        var again = markInvalid(invalid(a));
        assertEquals(new MarkInvalidReply.Marked(expected), again.reply());
        assertTrue(again.hasNoEvents());
    }

    @Test
    void ignoresForgedSignatures() {
        register(false);
        byte[] genuine = MessageOracle.invalidBlob(EPOCH, blobId);
        NodeConfirmation signedByOther = new NodeConfirmation(a.id(), new SignedMessage(genuine, b.sign(genuine)));
        NodeConfirmation certNotInvalid = new NodeConfirmation(a.id(), a.confirmPermanent(EPOCH, blobId));
        NodeConfirmation otherBlob = new NodeConfirmation(a.id(), a.attestInvalid(EPOCH, BlobId.of(new byte[32])));
        NodeConfirmation otherEpoch = new NodeConfirmation(a.id(), a.attestInvalid(EPOCH.plus(1), blobId));
        NodeConfirmation notAMember = new NodeConfirmation(new NodeId("z"), a.attestInvalid(EPOCH, blobId));
        var result = markInvalid(signedByOther, certNotInvalid, otherBlob, otherEpoch, notAMember, invalid(c));
        assertEquals(new BlobEntity.NotEnough(1, 7, 5), result.reply());
        assertTrue(result.hasNoEvents());
        assertFalse(entity.getState().invalid());
    }

    @Test
    void refusesCertifyOfInvalidBlob() {
        Registration reg = register(false);
        markInvalid(invalid(a));
        var certify = certify(reg.objectId(), confirmation(a, reg), confirmation(b, reg));
        assertTrue(certify.reply().isError());
        assertTrue(certify.reply().getError().getMessage().contains("invalid"));
        assertTrue(certify.hasNoEvents());

        Registration another = registration(false);
        var register = runRegister(another);
        assertTrue(register.reply().isError());
        assertTrue(register.hasNoEvents());
        BlobRecord record = entity.<BlobRecord>runCommand(BlobEntity.GetStatus::new).reply();
        assertEquals(new BlobRecord(blobId, List.of(reg), true), record);
        assertFalse(record.certified());
    }

    @Test
    void keepsInvalidAcrossRestart() {
        Registration reg = register(false);
        certify(reg.objectId(), confirmation(a, reg), confirmation(b, reg));
        markInvalid(invalid(a));
        BlobEntity.State before = entity.getState();
        assertEquals(Optional.of(EPOCH), before.invalidEpoch());

        BlobEntity.State after = entity.restart().state();
        assertEquals(before, after);
        assertTrue(entity.<BlobRecord>runCommand(BlobEntity.GetStatus::new).reply().invalid());
        assertTrue(certify(reg.objectId(), confirmation(c, reg)).reply().isError());
    }

    private CommandResultWithReply<BlobEntity.Command, BlobEntity.Event, BlobEntity.State, MarkInvalidReply>
            markInvalid(NodeConfirmation... signatures) {
        return entity.runCommand(replyTo -> new BlobEntity.MarkInvalid(List.of(signatures), replyTo));
    }

    private NodeConfirmation invalid(TestNode node) {
        return new NodeConfirmation(node.id(), node.attestInvalid(EPOCH, blobId));
    }

    private CommandResultWithReply<BlobEntity.Command, BlobEntity.Event, BlobEntity.State, StatusReply<CertifyReply>>
            certify(ObjectId objectId, NodeConfirmation... confirmations) {
        return entity.runCommand(replyTo -> new BlobEntity.Certify(objectId, List.of(confirmations), replyTo));
    }

    private BlobEntity.SliverPairsAttested attested(TestNode node, Registration reg) {
        return new BlobEntity.SliverPairsAttested(reg.objectId(), node.id(), confirmation(node, reg).confirmation());
    }

    private NodeConfirmation confirmation(TestNode node, Registration reg) {
        SignedMessage signed = reg.deletable() ? node.confirmDeletable(EPOCH, blobId, reg.objectId())
                : node.confirmPermanent(EPOCH, blobId);
        return new NodeConfirmation(node.id(), signed);
    }

    private CommandResultWithReply<BlobEntity.Command, BlobEntity.Event, BlobEntity.State, StatusReply<RegisterReply>>
            runRegister(Registration reg) {
        return entity.runCommand(replyTo -> new BlobEntity.Register(reg, replyTo));
    }

    private Registration register(boolean deletable) {
        Registration reg = registration(deletable);
        assertEquals(StatusReply.success(new RegisterReply(reg, true)), runRegister(reg).reply());
        return reg;
    }

    private static Registration registration(boolean deletable) {
        return new Registration(ObjectId.random(), "gateway", 1000, 8_000, EPOCH, EPOCH.plus(5), deletable, 12_000,
                Optional.empty());
    }
}
