package io.floe.actors.blob;

import com.google.protobuf.ByteString;
import io.floe.actors.ledger.CommitteeView;
import io.floe.actors.testing.TestClock;
import io.floe.actors.testing.TestNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.testing.TestKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/**
 * One Blob entity under test with signed requests: a committee of one node (its confirmation alone is a quorum) whose
 * epoch a test moves, a clock a test moves, and accounts that sign {@link ClientRequest}s for this blob.
 */
final class BlobObjectFixture {
    static final long START_MILLIS = 1_700_000_000_000L;

    /** A client account: its key and the address it signs for. */
    record Account(TestKey key, String address) {
        static Account create() {
            TestKey key = TestKey.generate();
            return new Account(key, Address.of(key.publicKey()).value());
        }

        SignedRequest sign(ClientRequest request) {
            byte[] bytes = request.toByteArray();
            return new SignedRequest(bytes, key.publicKey(), key.sign(SignedRequest.signedBytes(bytes)));
        }
    }

    final TestNode node = TestNode.create("a");
    final TestClock clock = new TestClock(START_MILLIS);
    final AtomicReference<Optional<Epoch>> epoch = new AtomicReference<>(Optional.of(new Epoch(1)));
    final BlobId blobId;
    final EventSourcedBehaviorTestKit<BlobEntity.Command, BlobEntity.Event, BlobEntity.State> entity;
    private int requests;

    BlobObjectFixture(ActorTestKit kit) {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        blobId = BlobId.of(id);
        CommitteeView view = () -> epoch.get().flatMap(e -> CommitteeView.fixed(committee(e)).epochs());
        entity = EventSourcedBehaviorTestKit.create(kit.system(), BlobEntity.create(blobId.toString(), view, clock),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    }

    private Committee committee(Epoch e) {
        return new Committee(e, List.of(node.info(10)), List.of(node.id(), node.id(), node.id(), node.id()));
    }

    void moveTo(int epochValue) {
        epoch.set(Optional.of(new Epoch(epochValue)));
    }

    /** Registers a registration of {@code owner} ending with {@code end}, certified when asked. */
    Registration register(Account owner, boolean deletable, int end, boolean certified) {
        Registration r = new Registration(ObjectId.random(), owner.address(), 100, 6940,
                epoch.get().orElseThrow(), new Epoch(end), deletable, 2100, Optional.empty());
        StatusReply<BlobEntity.RegisterReply> reply = entity.<StatusReply<BlobEntity.RegisterReply>>runCommand(
                replyTo -> new BlobEntity.Register(r, replyTo)).reply();
        if (reply.isError()) {
            throw new AssertionError(reply.getError());
        }
        if (!certified) {
            return r;
        }
        Epoch e = epoch.get().orElseThrow();
        NodeConfirmation confirmation = new NodeConfirmation(node.id(), deletable
                ? node.confirmDeletable(e, blobId, r.objectId()) : node.confirmPermanent(e, blobId));
        StatusReply<BlobEntity.CertifyReply> certify = entity.<StatusReply<BlobEntity.CertifyReply>>runCommand(
                replyTo -> new BlobEntity.Certify(r.objectId(), List.of(confirmation), replyTo)).reply();
        if (!(certify.getValue() instanceof BlobEntity.CertifyReply.Certified)) {
            throw new AssertionError("not certified: " + certify);
        }
        return r.certifiedAt(e);
    }

    /** A request of {@code account} for this blob with a fresh ID, expiring in a minute. */
    ClientRequest.Builder request(Account account) {
        return ClientRequest.newBuilder().setAccount(account.address()).setRequestId("req-" + (++requests))
                .setExpiresAtMillis(clock.millis() + 60_000).setBlobId(ByteString.copyFrom(blobId.bytes()));
    }

    static ByteString bytes(ObjectId id) {
        return ByteString.copyFrom(id.bytes());
    }

    EventSourcedBehaviorTestKit.CommandResultWithReply<BlobEntity.Command, BlobEntity.Event, BlobEntity.State,
            StatusReply<ObjectCommands.ObjectChange>> apply(SignedRequest request, long paid) {
        return entity.runCommand(replyTo -> new ObjectCommands.ApplyRequest(request, paid, replyTo));
    }

    /** An extension applied as the control plane sends it: with the end epoch it was priced from. */
    EventSourcedBehaviorTestKit.CommandResultWithReply<BlobEntity.Command, BlobEntity.Event, BlobEntity.State,
            StatusReply<ObjectCommands.ObjectChange>> applyPriced(SignedRequest request, long paid, int pricedEnd) {
        return entity.runCommand(replyTo -> new ObjectCommands.ApplyRequest(request, paid,
                java.util.Optional.of(new Epoch(pricedEnd)), replyTo));
    }

    EventSourcedBehaviorTestKit.CommandResultWithReply<BlobEntity.Command, BlobEntity.Event, BlobEntity.State,
            StatusReply<ObjectCommands.ObjectCheck>> check(SignedRequest request) {
        return entity.runCommand(replyTo -> new ObjectCommands.CheckRequest(request, replyTo));
    }

    /** The error text's reason, the part before the colon. */
    static String reason(StatusReply<?> reply) {
        if (!reply.isError()) {
            throw new AssertionError("expected a refusal, got " + reply.getValue());
        }
        String text = reply.getError().getMessage();
        return text.substring(0, text.indexOf(':'));
    }
}
