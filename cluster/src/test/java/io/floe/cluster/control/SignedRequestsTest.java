package io.floe.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.floe.actors.blob.BlobEntity;
import io.floe.actors.blob.ObjectCommands;
import io.floe.actors.ledger.AccountCommands;
import io.floe.actors.ledger.SystemLedger;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.control.RequestReceipt;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.ledger.AccountInfo;
import io.floe.protocol.proto.FloeAccountProto;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The signed-request sagas against probes that answer as the ledger and a Blob entity would: the order of the steps,
 * the refund after a refusal that follows a charge, and the same keys again when the same request is submitted again.
 */
class SignedRequestsTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create("signed-requests");
    private static final long WAIT_SECONDS = 10;
    private static final KeyPair KEYS = Ed25519.generate();
    private static final Ed25519PublicKey PUBLIC = Ed25519PublicKey.of(KEYS.getPublic());
    private static final String SIGNER = Address.of(PUBLIC).value();
    private static final BlobId BLOB = BlobId.of(filled(7));
    private static final ObjectId OBJECT = ObjectId.of(filled(9));

    private final TestProbe<SystemLedger.Command> ledger = TEST_KIT.createTestProbe();
    private final TestProbe<BlobEntity.Command> entity = TEST_KIT.createTestProbe();
    private final List<BlobId> changed = new ArrayList<>();
    private final SignedRequests sagas = new SignedRequests(
            new BoundedAsk(TEST_KIT.system().scheduler(), new AskSettings(Duration.ofSeconds(3), 1, Duration.ZERO)),
            ledger::ref, id -> entity.ref(), changed::add);

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void extendChecksChargesThenApplies() throws Exception {
        SignedRequest request = sign("ext-1", b -> b.setExtendBlob(FloeAccountProto.ExtendBlobOp.newBuilder()
                .setObjectId(ByteString.copyFrom(OBJECT.bytes())).setEpochsExtended(2)));
        CompletionStage<RequestReceipt> receipt = sagas.submit(request);

        ObjectCommands.CheckRequest check = entity.expectMessageClass(ObjectCommands.CheckRequest.class);
        check.replyTo().tell(StatusReply.success(new ObjectCommands.ObjectCheck(object(5, false), new Epoch(3))));
        AccountCommands.ChargeExtension charge = ledger.expectMessageClass(AccountCommands.ChargeExtension.class);
        assertEquals(new Epoch(5), charge.currentEnd());
        assertEquals(4096, charge.storageSize());
        charge.replyTo().tell(StatusReply.success(new SystemLedger.ChargeReply.Charged(40, 960, new Epoch(3))));
        ObjectCommands.ApplyRequest apply = entity.expectMessageClass(ObjectCommands.ApplyRequest.class);
        assertEquals(40, apply.paid());
        apply.replyTo().tell(StatusReply.success(new ObjectCommands.ObjectChange(request.key(),
                List.of(object(7, false)), Optional.empty())));

        RequestReceipt answer = receipt.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("extend_blob", answer.operation());
        assertEquals(40, answer.cost());
        assertEquals(960, answer.balanceAfter());
        assertEquals(new Epoch(7), answer.objects().get(0).endEpoch());
        assertEquals(Optional.of(BLOB), answer.blobId());
        assertEquals(List.of(BLOB), changed, "the gateway's caches forget the blob");
        ledger.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void extendRefusedAfterTheChargeIsRefundedAndAnswersTheRefusal() {
        SignedRequest request = extension("ext-2");
        CompletionStage<RequestReceipt> receipt = checkedAndCharged(request);
        // The epoch changed between the check and the apply: the blob expired.
        entity.expectMessageClass(ObjectCommands.ApplyRequest.class).replyTo()
                .tell(StatusReply.error("EXPIRED_BLOB: object expired with epoch 4"));
        AccountCommands.Refund refund = ledger.expectMessageClass(AccountCommands.Refund.class);
        assertEquals(request.key(), refund.key());
        refund.replyTo().tell(StatusReply.success(Done.getInstance()));

        ControlPlaneException.Refused refused = refusal(receipt);
        assertEquals("BLOB_EXPIRED", refused.code());
        assertEquals("object expired with epoch 4", refused.getMessage());
    }

    @Test
    void extendWithoutAnAnswerFromTheEntityIsNotRefunded() {
        CompletionStage<RequestReceipt> receipt = checkedAndCharged(extension("ext-3"));
        entity.expectMessageClass(ObjectCommands.ApplyRequest.class);

        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> receipt.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(ControlPlaneException.Unavailable.class, failed.getCause());
        ledger.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aRetriedDeleteSendsTheSameKeysAndTheStorageBackToItsOwner() throws Exception {
        SignedRequest request = sign("del-1", b -> b.setDeleteBlob(FloeAccountProto.DeleteBlobOp.newBuilder()
                .setObjectId(ByteString.copyFrom(OBJECT.bytes()))));
        List<String> keys = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            CompletionStage<RequestReceipt> receipt = sagas.submit(request);
            ObjectCommands.ApplyRequest apply = entity.expectMessageClass(ObjectCommands.ApplyRequest.class);
            assertEquals(request, apply.request());
            StorageResource freed = new StorageResource(OBJECT, new Epoch(3), new Epoch(5), 4096);
            // The entity answers a key it has seen with its first answer.
            apply.replyTo().tell(StatusReply.success(new ObjectCommands.ObjectChange(request.key(),
                    List.of(object(5, false)), Optional.of(freed))));
            AccountCommands.ReturnStorage back = ledger.expectMessageClass(AccountCommands.ReturnStorage.class);
            assertEquals(SIGNER, back.owner());
            assertEquals(freed, back.resource());
            keys.add(back.key());
            back.replyTo().tell(StatusReply.success(Done.getInstance()));
            ledger.expectMessageClass(AccountCommands.GetAccount.class).replyTo()
                    .tell(new AccountInfo(SIGNER, 1_000, List.of(freed)));
            RequestReceipt answer = receipt.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(Optional.of(freed), answer.returned());
            assertEquals("delete_blob", answer.operation());
        }
        assertEquals(List.of(request.key(), request.key()), keys);
    }

    @Test
    void fundingNeedsASharedBlobAndIsCarriedOutByTheLedger() throws Exception {
        SignedRequest request = sign("fund-1", b -> b.setFundSharedBlob(FloeAccountProto.FundSharedBlobOp.newBuilder()
                .setObjectId(ByteString.copyFrom(OBJECT.bytes())).setAmount(500)));
        CompletionStage<RequestReceipt> notShared = sagas.submit(request);
        entity.expectMessageClass(ObjectCommands.CheckRequest.class).replyTo()
                .tell(StatusReply.success(new ObjectCommands.ObjectCheck(object(5, false), new Epoch(3))));
        assertEquals("INVALID_REQUEST", refusal(notShared).code());
        ledger.expectNoMessage(Duration.ofMillis(100));

        CompletionStage<RequestReceipt> funded = sagas.submit(request);
        entity.expectMessageClass(ObjectCommands.CheckRequest.class).replyTo()
                .tell(StatusReply.success(new ObjectCommands.ObjectCheck(object(5, true), new Epoch(3))));
        ledger.expectMessageClass(AccountCommands.Submit.class).replyTo().tell(StatusReply.success(
                new AccountCommands.Receipt(request.key(), "fund_shared_blob", 500, 500, Optional.empty())));
        RequestReceipt answer = funded.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(500, answer.amount());
        assertTrue(answer.objects().get(0).shared());
    }

    @Test
    void refusalsBecomeTheirCodesAndRegisterIsSentElsewhere() {
        SignedRequest transfer = sign("tr-1", b -> b.setTransfer(FloeAccountProto.TransferOp.newBuilder()
                .setTo(SIGNER).setAmount(5)));
        CompletionStage<RequestReceipt> replayed = sagas.submit(transfer);
        ledger.expectMessageClass(AccountCommands.Submit.class).replyTo()
                .tell(StatusReply.error("ID_REUSED: tr-1 was used for another request"));
        assertEquals("REQUEST_ID_REUSED", refusal(replayed).code());

        SignedRequest delete = sign("del-2", b -> b.setDeleteBlob(FloeAccountProto.DeleteBlobOp.newBuilder()
                .setObjectId(ByteString.copyFrom(OBJECT.bytes()))));
        CompletionStage<RequestReceipt> notOwner = sagas.submit(delete);
        entity.expectMessageClass(ObjectCommands.ApplyRequest.class).replyTo()
                .tell(StatusReply.error("NOT_OWNER: the object belongs to someone else"));
        assertEquals("NOT_OWNER", refusal(notOwner).code());
        ledger.expectNoMessage(Duration.ofMillis(100));

        SignedRequest register = sign("reg-1", b -> b.setRegisterBlob(FloeAccountProto.RegisterBlobOp.newBuilder()
                .setBlobId(ByteString.copyFrom(BLOB.bytes())).setEpochsAhead(1)));
        assertEquals("INVALID_REQUEST", refusal(sagas.submit(register)).code());
        byte[] forged = register.request();
        forged[forged.length - 1] ^= 1;
        assertEquals("INVALID_REQUEST", refusal(sagas.submit(new SignedRequest(Arrays.copyOf(forged, 3), PUBLIC,
                register.signature()))).code(), "bytes that are no request");
    }

    private static SignedRequest extension(String id) {
        return sign(id, b -> b.setExtendBlob(FloeAccountProto.ExtendBlobOp.newBuilder()
                .setObjectId(ByteString.copyFrom(OBJECT.bytes())).setEpochsExtended(1)));
    }

    /** Submits an extension and answers its check and its charge (20 FROST) as the entity and the ledger would. */
    private CompletionStage<RequestReceipt> checkedAndCharged(SignedRequest request) {
        CompletionStage<RequestReceipt> receipt = sagas.submit(request);
        entity.expectMessageClass(ObjectCommands.CheckRequest.class).replyTo()
                .tell(StatusReply.success(new ObjectCommands.ObjectCheck(object(5, false), new Epoch(4))));
        ledger.expectMessageClass(AccountCommands.ChargeExtension.class).replyTo()
                .tell(StatusReply.success(new SystemLedger.ChargeReply.Charged(20, 980, new Epoch(4))));
        return receipt;
    }

    private static ControlPlaneException.Refused refusal(CompletionStage<RequestReceipt> receipt) {
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> receipt.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(ControlPlaneException.Refused.class, failed.getCause());
    }

    private static Registration object(int end, boolean shared) {
        StorageResource storage = new StorageResource(OBJECT, new Epoch(1), new Epoch(end), 4096);
        return new Registration(OBJECT, SIGNER, 100, 4096, new Epoch(1), new Epoch(end), true, 10,
                Optional.of(new Epoch(1)), new Registration.ObjectDetails(storage, shared, false, java.util.Map.of()));
    }

    private static SignedRequest sign(String id, java.util.function.Consumer<ClientRequest.Builder> operation) {
        ClientRequest.Builder b = ClientRequest.newBuilder().setAccount(SIGNER).setRequestId(id)
                .setExpiresAtMillis(System.currentTimeMillis() + 60_000).setBlobId(ByteString.copyFrom(BLOB.bytes()));
        operation.accept(b);
        return SignedRequest.sign(b.build(), KEYS.getPrivate(), PUBLIC);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
