package io.floe.actors.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.floe.actors.blob.BlobEntity;
import io.floe.actors.ledger.AccountBook;
import io.floe.actors.ledger.AccountCommands;
import io.floe.actors.ledger.AccountEvents;
import io.floe.actors.ledger.RequestMemo;
import io.floe.actors.blob.ObjectCommands;
import io.floe.protocol.account.SignedRequest;
import io.floe.actors.ledger.EpochProgress;
import io.floe.actors.ledger.LedgerGenesis;
import io.floe.actors.ledger.LedgerState;
import io.floe.actors.ledger.RequestKey;
import io.floe.actors.ledger.StakeBook;
import io.floe.actors.ledger.StakeReceipts;
import io.floe.actors.ledger.SystemLedger;
import io.floe.actors.testing.TestNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.ResourceOperation;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.ledger.AccountInfo;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.ledger.PoolParams;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import io.floe.protocol.proto.FloeLedgerProto;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.SignedMessage;
import java.io.NotSerializableException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every manifest the serializer knows is written and read back to an equal object by Pekko's serialization. */
class FloeSerializerTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Serialization SERIALIZATION = SerializationExtension.get(Adapter.toClassic(TEST_KIT.system()));

    private final TestNode a = TestNode.create("node-a");
    private final TestNode b = TestNode.create("node-b");
    private final BlobId blobId = BlobId.of(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});
    private final ObjectId objectId = ObjectId.random();
    private final Registration permanent = new Registration(objectId, "gateway", 1000, 6940, Epoch.GENESIS,
            new Epoch(6), false, 12_000, Optional.empty());
    private final Registration certified = new Registration(ObjectId.random(), "other", 0, 6940, Epoch.GENESIS,
            new Epoch(2), true, 0, Optional.of(Epoch.GENESIS));
    private final SignedMessage signed = a.confirmPermanent(Epoch.GENESIS, blobId);
    private final Committee committee = new Committee(Epoch.GENESIS, List.of(a.info(300), b.info(0)),
            List.of(a.id(), a.id(), b.id(), a.id()));
    private final LedgerGenesis genesis = new LedgerGenesis(4, 100, 2000, 53, "gateway", 1_000_000,
            List.of(new LedgerGenesis.Node(a.id(), 300), new LedgerGenesis.Node(b.id(), 0)), Duration.ofSeconds(90));
    private static final PoolParams POOL = new PoolParams(250, 1L << 30, 900, 1800);
    private static final RequestKey KEY_1 = new RequestKey("stake-call-1");
    private static final RequestKey KEY_2 = new RequestKey("stake-call-2");
    private static final RequestKey KEY_3 = new RequestKey("stake-call-3");

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void roundTripsEveryManifest() {
        Set<String> seen = new HashSet<>();
        List<Object> all = new java.util.ArrayList<>(samples());
        all.addAll(accountSamples());
        for (Object sample : all) {
            Serializer serializer = SERIALIZATION.findSerializerFor(sample);
            assertInstanceOf(FloeSerializer.class, serializer, sample.getClass().getName());
            String manifest = Serializers.manifestFor(serializer, sample);
            assertEquals(sample, roundTrip(sample), manifest);
            seen.add(manifest);
        }
        assertEquals((floeSerializer()).manifests(), seen);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T sample) {
        Serializer serializer = SERIALIZATION.findSerializerFor(sample);
        byte[] bytes = SERIALIZATION.serialize(sample).get();
        return (T) SERIALIZATION.deserialize(bytes, serializer.identifier(),
                Serializers.manifestFor(serializer, sample)).get();
    }

    /** Answers travel in Pekko's StatusReply, which carries a Floe payload by this serializer and a refusal's text. */
    @Test
    void statusRepliesRoundTrip() {
        for (StatusReply<?> reply : List.of(StatusReply.success(new BlobEntity.RegisterReply(permanent, true)),
                StatusReply.success(new SystemLedger.ChargeReply.InsufficientFunds(5, 2100)),
                StatusReply.error("not a genesis node"))) {
            Serializer serializer = SERIALIZATION.findSerializerFor(reply);
            Object back = SERIALIZATION.deserialize(SERIALIZATION.serialize(reply).get(), serializer.identifier(),
                    Serializers.manifestFor(serializer, reply)).get();
            assertEquals(reply, back);
        }
    }

    @Test
    void snapshotKeepsStakeReceiptsInTheOrderTheyWereMade() {
        LedgerState state = new LedgerState(Optional.of(genesis), Epoch.GENESIS, Map.of(), Optional.empty(), Map.of(),
                Map.of(), EpochProgress.initial(), new StakeBook(Map.of(), Map.of(), 3, receipts()));
        LedgerState back = roundTrip(state);
        // Map equality ignores order, but the oldest receipt is the one forgotten first.
        assertEquals(List.of(KEY_3, KEY_1, KEY_2), List.copyOf(back.book().receipts().byKey().keySet()));
        assertEquals(state, back);
    }

    @Test
    void readsStakingCommandsFromBeforeKeysWithAFreshKeyEach() throws NotSerializableException {
        FloeSerializer serializer = floeSerializer();
        String replyTo = ActorRefResolver.get(TEST_KIT.system())
                .toSerializationFormat(TEST_KIT.createTestProbe().ref());
        byte[] bytes = FloeLedgerProto.Stake.newBuilder().setAccount("gateway").setNodeId("node-a").setAmount(500)
                .setReplyTo(replyTo).build().toByteArray();
        SystemLedger.Stake first = (SystemLedger.Stake) serializer.fromBinary(bytes, "ledger.Stake.v1");
        SystemLedger.Stake second = (SystemLedger.Stake) serializer.fromBinary(bytes, "ledger.Stake.v1");
        assertEquals(500, first.amount());
        assertTrue(!first.key().equals(second.key()), "keys of old senders' commands must not match each other");
    }

    @Test
    void refusesUnknownManifest() {
        FloeSerializer serializer = floeSerializer();
        assertThrows(NotSerializableException.class, () -> serializer.fromBinary(new byte[0], "blob.Nothing.v1"));
        assertEquals(FloeSerializer.IDENTIFIER, serializer.identifier());
    }

    @Test
    void refusesBytesThatDecodeToAnInvalidValue() {
        FloeSerializer serializer = floeSerializer();
        // A BlobRecord whose blob ID has 3 bytes.
        byte[] bytes = {0x0a, 0x03, 1, 2, 3};
        assertThrows(NotSerializableException.class, () -> serializer.fromBinary(bytes, "blob.BlobRecord.v1"));
    }

    @Test
    void refusesRegisterNodeWithKeyOfWrongLength() {
        FloeSerializer serializer = floeSerializer();
        byte[] bytes = FloeLedgerProto.RegisterNode.newBuilder().setNodeId("node-a").setStorageUrl("http://a")
                .setPublicKey(ByteString.copyFrom(new byte[31])).build().toByteArray();
        NotSerializableException refused = assertThrows(NotSerializableException.class,
                () -> serializer.fromBinary(bytes, "ledger.RegisterNode.v1"));
        assertTrue(refused.getMessage().contains("an Ed25519 public key has 32 bytes, got 31"), refused.getMessage());
    }

    private SignedRequest clientRequest() {
        return new SignedRequest(new byte[] {1, 2, 3}, a.publicKey(), new byte[64]);
    }

    private ObjectCommands.ObjectChange objectChange() {
        return new ObjectCommands.ObjectChange("0xab/r2", List.of(certified.withObject(new Registration.ObjectDetails(
                certified.storage(), true, false, Map.of("content-type", "text/plain")))),
                Optional.of(permanent.storage()));
    }

    private FloeSerializer floeSerializer() {
        return (FloeSerializer) SERIALIZATION.findSerializerFor(BlobRecord.unknown(blobId));
    }

    private List<Object> samples() {
        ActorRef<Object> ref = TEST_KIT.createTestProbe().ref();
        return List.of(
                new BlobEntity.Register(permanent, ref.narrow()),
                new BlobEntity.Certify(objectId, List.of(new NodeConfirmation(a.id(), signed)), ref.narrow()),
                new BlobEntity.GetStatus(ref.narrow()),
                new BlobEntity.RegisterReply(permanent, true),
                new BlobEntity.CertifyReply.Certified(new BlobRecord(blobId, List.of(permanent, certified))),
                new BlobEntity.NotEnough(3, 7, 1),
                new BlobEntity.Unavailable("later"),
                new BlobEntity.Registered(certified),
                new BlobEntity.SliverPairsAttested(objectId, a.id(), signed),
                new BlobEntity.Certified(objectId, Epoch.GENESIS, List.of(a.id(), b.id())),
                new BlobEntity.State(List.of(permanent, certified), Map.of(objectId, Map.of(a.id(), signed))),
                BlobRecord.unknown(blobId),
                new BlobEntity.MarkInvalid(List.of(new NodeConfirmation(b.id(), b.attestInvalid(Epoch.GENESIS, blobId))),
                        ref.narrow()),
                new BlobEntity.MarkInvalidReply.Marked(new BlobRecord(blobId, List.of(certified), true)),
                new BlobEntity.MarkedInvalid(new Epoch(3), List.of(a.id(), b.id())),
                new ObjectCommands.ApplyRequest(clientRequest(), 500, ref.narrow()),
                new ObjectCommands.CheckRequest(clientRequest(), ref.narrow()),
                new ObjectCommands.ObjectCheck(permanent, Epoch.GENESIS),
                objectChange(),
                new ObjectCommands.Extended(objectId, new Epoch(7), "0xab/r1"),
                new ObjectCommands.Deleted(objectId, Optional.empty(), "0xab/r2"),
                new ObjectCommands.Burned(List.of(objectId), "0xab/r3"),
                new ObjectCommands.Shared(objectId, "0xab/r4"),
                new ObjectCommands.AttributesChanged(objectId, Map.of("k", "v"), "0xab/r5"),
                new ObjectCommands.OwnerChanged(objectId, "0xcd", "0xab/r6"),
                new ObjectCommands.RequestAnswered("0xab/r2", "00ff", 2000, 1000, objectChange()),
                new SystemLedger.ApplyGenesis(),
                new SystemLedger.RegisterNode(a.id(), "http://127.0.0.1:9185", a.publicKey(), POOL, ref.narrow()),
                new SystemLedger.GetCommittee(ref.narrow()),
                new SystemLedger.ChargeStorage("gateway", objectId, 6940, 5, ref.narrow()),
                new SystemLedger.GetLedgerInfo(ref.narrow()),
                new SystemLedger.RegisterNodeReply(a.info(300)),
                new SystemLedger.CommitteeReply(Optional.of(changing()), List.of()),
                new SystemLedger.CommitteeReply(Optional.of(EpochCommittees.genesis(committee,
                        Instant.ofEpochMilli(1234), Duration.ofSeconds(30))), List.of()),
                new SystemLedger.ChargeReply.Charged(2100, 997_900, Epoch.GENESIS),
                new SystemLedger.ChargeReply.InsufficientFunds(5, 2100),
                new LedgerInfo(Epoch.GENESIS, 4, 100, 2000, 53, "gateway", 1_000_000),
                new SystemLedger.GenesisApplied(genesis),
                new SystemLedger.NodeRegistered(b.id(), "http://127.0.0.1:9186", b.publicKey(), POOL),
                new SystemLedger.CommitteeFormed(committee, 1234),
                new SystemLedger.AccountCharged("gateway", objectId, 2100),
                new LedgerState(Optional.of(genesis), new Epoch(2), Map.of(a.id(), a.info(0)),
                        Optional.of(next()), Map.of("gateway", 997_900L),
                        Map.of(objectId, new LedgerState.Charge("gateway", 2100, 997_900, Epoch.GENESIS)),
                        new EpochProgress(EpochState.EPOCH_CHANGE_SYNC, 5678, Optional.of(committee),
                                Optional.empty(), Set.of(b.id())),
                        new StakeBook(Map.of(a.id(), POOL), Map.of(1L, stake(), 2L, withdrawing()), 3, receipts())),
                new SystemLedger.Tick(),
                new SystemLedger.SettleCharges(),
                new SystemLedger.ReportShardsSynced(b.id(), new Epoch(2), ref.narrow()),
                new SystemLedger.Stake("gateway", a.id(), 500, KEY_1, ref.narrow()),
                new SystemLedger.RequestWithdrawStake("gateway", a.id(), KEY_2, ref.narrow()),
                new SystemLedger.WithdrawStake("gateway", a.id(), KEY_3, ref.narrow()),
                new SystemLedger.StakeReply.Staked(new StakeChange(List.of(stake()), 500, 100)),
                new SystemLedger.StakeReply.InsufficientFunds(100, 500),
                new StakeChange(List.of(stake(), withdrawing()), 0, 100),
                new SystemLedger.NextCommitteeSelected(next()),
                new SystemLedger.EpochChangeStarted(new Epoch(2), 5678),
                new SystemLedger.EpochStartRecorded(Epoch.GENESIS, 1234),
                new SystemLedger.ShardsSynced(b.id(), new Epoch(2)),
                new SystemLedger.EpochChangeDone(new Epoch(2)),
                new SystemLedger.Staked(stake(), Optional.of(KEY_1)),
                new SystemLedger.Staked(stake(), Optional.empty()),
                new SystemLedger.StakeWithdrawalRequested(List.of(withdrawing()), Optional.of(KEY_2)),
                new SystemLedger.StakeWithdrawn(List.of(withdrawing(), stake()), Optional.of(KEY_3)),
                new LedgerState(Optional.of(genesis), new Epoch(2), Map.of(), Optional.empty(), Map.of("0xab", 5L),
                        Map.of(objectId, new LedgerState.Charge("0xab", 2100, 5, Epoch.GENESIS,
                                Optional.of(new LedgerState.Allocation(resource(), ResourceOperation.REUSE_STORAGE)))),
                        EpochProgress.initial(), StakeBook.empty(), accountBook()));
    }

    /** The account commands, replies and events (issue 13). */
    private List<Object> accountSamples() {
        ActorRef<Object> ref = TEST_KIT.createTestProbe().ref();
        SignedRequest request = new SignedRequest(new byte[] {10, 2, 'a', 'b'}, a.publicKey(), new byte[64]);
        return List.of(
                new AccountCommands.AllocateStorage("gateway", objectId, 6940, 5, Optional.empty(), ref.narrow()),
                new AccountCommands.AllocateStorage("0xab", objectId, 6940, 5, Optional.of(request), ref.narrow()),
                new AccountCommands.ChargeExtension(request, objectId, 6940, new Epoch(4), true, ref.narrow()),
                new AccountCommands.Submit(request, ref.narrow()),
                new AccountCommands.Refund("0xab/r-1", ref.narrow()),
                new AccountCommands.ReturnStorage("0xab", resource(), "0xab/r-2", ref.narrow()),
                new AccountCommands.Faucet("0xab", 1000, "k", ref.narrow()),
                new AccountCommands.GetAccount("0xab", ref.narrow()),
                new AccountCommands.GetSharedFunds(objectId, ref.narrow()),
                new AccountCommands.AllocationReply.Allocated(resource(), ResourceOperation.REUSE_AND_EXTEND, 30,
                        70, new Epoch(2)),
                new AccountCommands.AllocationReply.InsufficientFunds(5, 2100),
                new AccountCommands.Receipt("0xab/r-1", "stake", 500, 100,
                        Optional.of(new StakeChange(List.of(stake()), 500, 100))),
                new AccountCommands.Receipt("0xab/r-2", "transfer", 5, 100, Optional.empty()),
                new AccountInfo("0xab", 7, List.of(resource())),
                new AccountEvents.StorageAllocated("0xab", objectId, 30, resource(), ResourceOperation.REUSE_STORAGE,
                        List.of(ObjectId.random()), List.of(resource())),
                new AccountEvents.Transferred("0xab", "0xcd", 5),
                new AccountEvents.SharedBlobFunded("0xab", objectId, 5),
                new AccountEvents.ExtensionCharged("0xab", Optional.of(objectId), 5),
                new AccountEvents.ExtensionCharged("0xab", Optional.empty(), 5),
                new AccountEvents.ChargeRefunded("0xab/r-1", "", Optional.of(objectId), 5),
                new AccountEvents.StorageReturned("0xab", resource()),
                new AccountEvents.FaucetPaid("0xab", 5),
                new AccountEvents.RequestAnswered("0xab/r-1", answer(), 1234));
    }

    private StorageResource resource() {
        return new StorageResource(objectId, new Epoch(2), new Epoch(7), 6940);
    }

    private RequestMemo.Answer answer() {
        return new RequestMemo.Answer("ab12", 99, "extend_blob", 5, 6, new Epoch(2),
                Optional.of(new StakeChange(List.of(stake()), 500, 100)), Optional.of(objectId), "", true);
    }

    private AccountBook accountBook() {
        Map<String, RequestMemo.Answer> answered = new LinkedHashMap<>();
        answered.put("z/1", answer());
        answered.put("a/1", new RequestMemo.Answer("cd", 5, "faucet", 1, 2, Epoch.GENESIS, Optional.empty(),
                Optional.empty(), "faucet", false));
        return new AccountBook(Map.of("0xab", List.of(resource())), Map.of(objectId, 5L), 9,
                RequestMemo.of(answered));
    }

    /** One receipt of each kind, not in key order: a snapshot keeps the order they were made in. */
    private StakeReceipts receipts() {
        Map<RequestKey, StakeReceipts.Receipt> byKey = new LinkedHashMap<>();
        byKey.put(KEY_3, new StakeReceipts.Receipt(StakeReceipts.Operation.STAKE,
                new StakeChange(List.of(stake()), 500, 100)));
        byKey.put(KEY_1, new StakeReceipts.Receipt(StakeReceipts.Operation.REQUEST_WITHDRAWAL,
                new StakeChange(List.of(withdrawing()), 0, 100)));
        byKey.put(KEY_2, new StakeReceipts.Receipt(StakeReceipts.Operation.WITHDRAWAL,
                new StakeChange(List.of(withdrawing()), 700, 800)));
        return new StakeReceipts(byKey);
    }

    private Committee next() {
        return new Committee(new Epoch(2), List.of(a.info(300), b.info(200)), List.of(b.id(), a.id(), b.id(), a.id()));
    }

    /** Epoch 2 while shards move from epoch 1: every field of EpochCommittees but next is set. */
    private EpochCommittees changing() {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, Instant.ofEpochMilli(5678), Duration.ofMinutes(2),
                next(), Optional.of(committee), Optional.empty(), Set.of(a.id(), b.id()));
    }

    private StakedWal stake() {
        return new StakedWal(1, a.id(), "gateway", 500, new Epoch(2), Optional.empty());
    }

    private StakedWal withdrawing() {
        return new StakedWal(2, b.id(), "genesis", 200, Epoch.GENESIS, Optional.of(new Epoch(3)));
    }

    @Test
    void emptyStatesRoundTrip() {
        for (Object sample : List.of(BlobEntity.State.empty(), LedgerState.empty(),
                new BlobEntity.State(List.of(), Map.of(), Optional.of(new Epoch(2))),
                new SystemLedger.CommitteeReply(Optional.empty(), List.of(a.id(), b.id())))) {
            Serializer serializer = SERIALIZATION.findSerializerFor(sample);
            Object back = SERIALIZATION.deserialize(SERIALIZATION.serialize(sample).get(), serializer.identifier(),
                    Serializers.manifestFor(serializer, sample)).get();
            assertEquals(sample, back);
        }
    }
}
