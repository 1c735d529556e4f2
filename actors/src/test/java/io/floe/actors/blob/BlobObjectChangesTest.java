package io.floe.actors.blob;

import static io.floe.actors.blob.BlobObjectFixture.bytes;
import static io.floe.actors.blob.BlobObjectFixture.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.blob.BlobObjectFixture.Account;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.proto.FloeAccountProto.BurnBlobsOp;
import io.floe.protocol.proto.FloeAccountProto.DeleteBlobOp;
import io.floe.protocol.proto.FloeAccountProto.FundSharedBlobOp;
import io.floe.protocol.proto.FloeAccountProto.RemoveAttributesOp;
import io.floe.protocol.proto.FloeAccountProto.SendObjectOp;
import io.floe.protocol.proto.FloeAccountProto.SetAttributesOp;
import io.floe.protocol.proto.FloeAccountProto.ShareBlobOp;
import io.floe.protocol.proto.FloeAccountProto.TransferOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Burning, sharing, tagging and sending blob objects with signed requests, and what checks answer. */
class BlobObjectChangesTest {
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

    private SignedRequest share(Account signer, Registration r) {
        return signer.sign(blob.request(signer).setShareBlob(ShareBlobOp.newBuilder().setObjectId(bytes(r.objectId())))
                .build());
    }

    private SignedRequest setAttributes(Account signer, Registration r, Map<String, String> pairs) {
        return signer.sign(blob.request(signer).setSetAttributes(SetAttributesOp.newBuilder()
                .setObjectId(bytes(r.objectId())).putAllAttributes(pairs)).build());
    }

    private SignedRequest remove(Account signer, Registration r, List<String> keys, boolean all) {
        return signer.sign(blob.request(signer).setRemoveAttributes(RemoveAttributesOp.newBuilder()
                .setObjectId(bytes(r.objectId())).addAllKeys(keys).setAll(all)).build());
    }

    private SignedRequest send(Account signer, Registration r, Account to) {
        return signer.sign(blob.request(signer).setSendObject(SendObjectOp.newBuilder()
                .setObjectId(bytes(r.objectId())).setTo(to.address())).build());
    }

    private Registration now(Registration r) {
        return blob.entity.getState().registration(r.objectId()).orElseThrow();
    }

    @Test
    void burnedObjectsAreOwnedByNobodyButKeptUntilTheirEnd() {
        Registration r = blob.register(alice, true, 3, true);
        Registration other = blob.register(alice, false, 3, false);
        SignedRequest burn = alice.sign(blob.request(alice).setBurnBlobs(BurnBlobsOp.newBuilder()
                .addObjectIds(bytes(r.objectId())).addObjectIds(bytes(other.objectId()))).build());
        var result = blob.apply(burn, 0);
        assertEquals(List.of(r, other), result.reply().getValue().after());
        assertTrue(now(r).burned() && now(other).burned());
        assertEquals(2, blob.entity.getState().registrations().size());
        assertEquals("NOT_FOUND", reason(blob.apply(send(alice, r, bob), 0).reply()));
        assertEquals("NOT_FOUND", reason(blob.apply(alice.sign(blob.request(alice).setDeleteBlob(DeleteBlobOp
                .newBuilder().setObjectId(bytes(r.objectId()))).build()), 0).reply()));
    }

    @Test
    void onlyTheOwnerBurnsAndAnUnknownObjectIsRefusedWhole() {
        Registration r = blob.register(alice, true, 3, true);
        var byBob = blob.apply(bob.sign(blob.request(bob).setBurnBlobs(BurnBlobsOp.newBuilder()
                .addObjectIds(bytes(r.objectId()))).build()), 0);
        assertEquals("NOT_OWNER", reason(byBob.reply()));
        var withUnknown = blob.apply(alice.sign(blob.request(alice).setBurnBlobs(BurnBlobsOp.newBuilder()
                .addObjectIds(bytes(r.objectId())).addObjectIds(bytes(io.floe.protocol.blob.ObjectId.random())))
                .build()), 0);
        assertEquals("NOT_FOUND", reason(withUnknown.reply()));
        assertTrue(withUnknown.hasNoEvents());
    }

    @Test
    void sharedObjectsCanBeFundedButNotTouchedByTheirFormerOwner() {
        Registration r = blob.register(alice, true, 3, true);
        SignedRequest fund = bob.sign(blob.request(bob).setFundSharedBlob(FundSharedBlobOp.newBuilder()
                .setObjectId(bytes(r.objectId())).setAmount(10)).build());
        assertEquals("NOT_FOUND", reason(blob.check(fund).reply()), "not shared yet");
        assertEquals("NOT_OWNER", reason(blob.apply(share(bob, r), 0).reply()));
        assertTrue(blob.apply(share(alice, r), 0).reply().getValue().after().get(0).shared());

        assertTrue(blob.check(fund).reply().getValue().registration().shared());
        assertEquals("MALFORMED", reason(blob.apply(fund, 0).reply()), "the ledger carries a funding out");
        assertEquals("NOT_OWNER", reason(blob.apply(send(alice, r, bob), 0).reply()));
        assertEquals("NOT_OWNER", reason(blob.apply(share(alice, r), 0).reply()));
        assertEquals("NOT_OWNER", reason(blob.apply(setAttributes(alice, r, Map.of("k", "v")), 0).reply()));
    }

    @Test
    void setsAndRemovesAttributes() {
        Registration r = blob.register(alice, false, 3, true);
        assertEquals("NO_ATTRIBUTES", reason(blob.apply(remove(alice, r, List.of("k"), false), 0).reply()));
        blob.apply(setAttributes(alice, r, Map.of("content-type", "text/plain", "k", "v")), 0);
        blob.apply(setAttributes(alice, r, Map.of("k", "w")), 0);
        assertEquals(Map.of("content-type", "text/plain", "k", "w"), now(r).attributes());
        var removed = blob.apply(remove(alice, r, List.of("k", "missing"), false), 0);
        assertEquals(new ObjectCommands.AttributesChanged(r.objectId(), Map.of("content-type", "text/plain"),
                removed.reply().getValue().key()), removed.events().get(0));
        blob.apply(remove(alice, r, List.of(), true), 0);
        assertEquals(Map.of(), now(r).attributes());
        assertEquals("NOT_OWNER", reason(blob.apply(setAttributes(bob, r, Map.of("k", "v")), 0).reply()));
    }

    @Test
    void refusesAttributesBeyondTheLimits() {
        Registration r = blob.register(alice, false, 3, true);
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= ObjectRules.MAX_ATTRIBUTES; i++) {
            many.put("key-" + i, "v");
        }
        assertEquals("MALFORMED", reason(blob.apply(setAttributes(alice, r, many), 0).reply()));
        assertEquals("MALFORMED", reason(blob.apply(setAttributes(alice, r, Map.of("k", "")), 0).reply()));
        assertEquals("MALFORMED", reason(blob.apply(setAttributes(alice, r,
                Map.of("k".repeat(ObjectRules.MAX_KEY_BYTES + 1), "v")), 0).reply()));
        assertEquals("MALFORMED", reason(blob.apply(setAttributes(alice, r,
                Map.of("k", "v".repeat(ObjectRules.MAX_VALUE_BYTES + 1))), 0).reply()));
        assertEquals(Map.of(), now(r).attributes());
    }

    @Test
    void sendingGivesTheObjectToItsNewOwner() {
        Registration r = blob.register(alice, true, 3, true);
        var sent = blob.apply(send(alice, r, bob), 0);
        assertEquals(bob.address(), sent.reply().getValue().after().get(0).owner());
        assertEquals(new ObjectCommands.OwnerChanged(r.objectId(), bob.address(), sent.reply().getValue().key()),
                sent.events().get(0));
        assertEquals("NOT_OWNER", reason(blob.apply(send(alice, r, alice), 0).reply()));
        assertTrue(blob.apply(setAttributes(bob, r, Map.of("k", "v")), 0).reply().isSuccess());
    }

    @Test
    void refusesOperationsThatAreNotOnObjects() {
        var transfer = blob.apply(alice.sign(blob.request(alice).setTransfer(TransferOp.newBuilder()
                .setTo(bob.address()).setAmount(5)).build()), 0);
        assertEquals("MALFORMED", reason(transfer.reply()));
        assertTrue(transfer.hasNoEvents());
    }
}
