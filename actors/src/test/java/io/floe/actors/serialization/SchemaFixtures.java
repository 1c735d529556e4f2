package io.floe.actors.serialization;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.blob.ObjectCommands;
import io.floe.actors.blob.ObjectMemory;
import io.floe.actors.ledger.EpochProgress;
import io.floe.actors.ledger.LedgerGenesis;
import io.floe.actors.ledger.LedgerState;
import io.floe.actors.ledger.RequestKey;
import io.floe.actors.ledger.StakeBook;
import io.floe.actors.ledger.StakeReceipts;
import io.floe.actors.ledger.SystemLedger;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.PoolParams;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.SignedMessage;
import io.floe.protocol.tls.TlsFingerprint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The values behind the committed serialization fixtures ({@code src/test/resources/serialization/<version>/}),
 * one map per fixture set: file stem ({@code <manifest>} or {@code <manifest>@<variant>}) to the value that file
 * must decode to with today's code. Everything is deterministic (no random IDs or keys), so the generator writes
 * the same bytes each time it runs on the same code.
 *
 * <p>A fixture set is never regenerated: its bytes are what an older Floe wrote to journals. When a persisted class
 * changes, keep its entry here compiling against the new constructor, giving the new field the value a reader
 * must see for old bytes (the Protobuf default, or what the mapper derives); add the new shape to a new set
 * ({@link #v2()} and so on) and write that set with {@link SchemaFixtureWriter}. See {@link EventSchemaEvolutionTest}.
 */
final class SchemaFixtures {
    /** Sets in the order they were written; the writer refuses to write a set that is not listed here. */
    static final List<String> VERSIONS = List.of("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8");

    private static final PoolParams POOL = new PoolParams(500, 1L << 34, 900, 1900);
    private static final NodeId NODE_A = new NodeId("node-a");
    private static final NodeId NODE_B = new NodeId("node-b");
    private static final ObjectId OBJECT_1 = ObjectId.of(filled(32, 0x11));
    private static final RequestKey KEY_1 = new RequestKey("3f2a9c1e-0000-4000-8000-000000000001");
    private static final RequestKey KEY_2 = new RequestKey("3f2a9c1e-0000-4000-8000-000000000002");
    private static final RequestKey KEY_3 = new RequestKey("3f2a9c1e-0000-4000-8000-000000000003");
    private static final ObjectId OBJECT_2 = ObjectId.of(filled(32, 0x22));
    private static final String OWNER_B = "0x" + "b0".repeat(32);
    private static final String REQUEST_KEY = OWNER_B + "/request-1";
    private static final String DIGEST = "d1".repeat(32);
    private static final SignedMessage SIGNED_A = new SignedMessage(counting(72, 1), filled(64, 0xa1));
    private static final SignedMessage SIGNED_B = new SignedMessage(counting(72, 2), filled(64, 0xb2));

    private SchemaFixtures() {
    }

    /** The fixtures of one set, by file stem; empty for a set this code does not know. */
    static Map<String, Object> expected(String version) {
        return switch (version) {
            case "v1" -> v1();
            case "v2" -> v2();
            case "v3" -> v3();
            case "v4" -> v4();
            case "v5" -> v5();
            case "v6" -> LedgerAccountFixtures.v6();
            case "v7" -> v7();
            case "v8" -> v8();
            default -> Map.of();
        };
    }

    /** Where the sets live in the source tree (for the writer) relative to the module's folder. */
    static Path sourceFolder(Path moduleDir, String version) {
        return moduleDir.resolve("src/test/resources/serialization").resolve(version);
    }

    /** The events and snapshot states of the Blob entity and the SystemLedger as issue 4 persisted them. */
    static Map<String, Object> v1() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("blob.Registered.v1@permanent", new BlobEntity.Registered(permanent()));
        all.put("blob.Registered.v1@deletable", new BlobEntity.Registered(deletable()));
        all.put("blob.SliverPairsAttested.v1", new BlobEntity.SliverPairsAttested(OBJECT_1, NODE_A, SIGNED_A));
        all.put("blob.Certified.v1", new BlobEntity.Certified(OBJECT_1, new Epoch(1), List.of(NODE_A, NODE_B)));
        all.put("blob.State.v1@empty", BlobEntity.State.empty());
        Map<ObjectId, Map<NodeId, SignedMessage>> attestations = new LinkedHashMap<>();
        attestations.put(OBJECT_1, new TreeMap<>(Map.of(NODE_A, SIGNED_A, NODE_B, SIGNED_B)));
        all.put("blob.State.v1", new BlobEntity.State(
                List.of(permanent().certifiedAt(new Epoch(1)), deletable()), attestations));
        all.put("ledger.GenesisApplied.v1", new SystemLedger.GenesisApplied(genesis()));
        all.put("ledger.NodeRegistered.v1",
                new SystemLedger.NodeRegistered(NODE_B, "http://127.0.0.1:9186", key(0x0b), PoolParams.DEFAULT));
        all.put("ledger.CommitteeFormed.v1", new SystemLedger.CommitteeFormed(committee(), 0));
        all.put("ledger.AccountCharged.v1", new SystemLedger.AccountCharged("gateway", OBJECT_1, 2100));
        all.put("ledger.State.v1@empty", LedgerState.empty());
        all.put("ledger.State.v1", fullLedger());
        return all;
    }

    /** Inconsistency proofs: the MarkedInvalid event, and a Blob state with the epoch it was marked invalid in. */
    static Map<String, Object> v2() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("blob.MarkedInvalid.v1", new BlobEntity.MarkedInvalid(new Epoch(2), List.of(NODE_A, NODE_B)));
        Map<ObjectId, Map<NodeId, SignedMessage>> attestations = new LinkedHashMap<>();
        attestations.put(OBJECT_1, new TreeMap<>(Map.of(NODE_A, SIGNED_A)));
        all.put("blob.State.v1@invalid", new BlobEntity.State(List.of(permanent().certifiedAt(new Epoch(1))),
                attestations, Optional.of(new Epoch(2))));
        return all;
    }

    /**
     * Epochs and staking (issue 11): the genesis with its epoch length, a registration with its pool, the first
     * committee with its start, every epoch-machine and staking event, and a ledger state in the middle of a change.
     */
    static Map<String, Object> v3() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("ledger.GenesisApplied.v1@epochs", new SystemLedger.GenesisApplied(genesisWithEpochs()));
        all.put("ledger.NodeRegistered.v1@pool",
                new SystemLedger.NodeRegistered(NODE_B, "http://127.0.0.1:9186", key(0x0b), POOL));
        all.put("ledger.CommitteeFormed.v1@start", new SystemLedger.CommitteeFormed(committee(), 1_700_000_000_000L));
        all.put("ledger.NextCommitteeSelected.v1", new SystemLedger.NextCommitteeSelected(committee2()));
        all.put("ledger.EpochChangeStarted.v1", new SystemLedger.EpochChangeStarted(new Epoch(2), 1_700_000_060_000L));
        all.put("ledger.ShardsSynced.v1", new SystemLedger.ShardsSynced(NODE_B, new Epoch(2)));
        all.put("ledger.EpochChangeDone.v1", new SystemLedger.EpochChangeDone(new Epoch(2)));
        // Staking events from before request keys read without a key.
        all.put("ledger.Staked.v1", new SystemLedger.Staked(stakeOfGateway(), Optional.empty()));
        all.put("ledger.StakeWithdrawalRequested.v1", new SystemLedger.StakeWithdrawalRequested(
                List.of(genesisStakeOfB().withdrawingFrom(new Epoch(3))), Optional.empty()));
        all.put("ledger.StakeWithdrawn.v1",
                new SystemLedger.StakeWithdrawn(List.of(stakeOfGateway()), Optional.empty()));
        all.put("ledger.State.v1@epochs", changingLedger(StakeReceipts.empty()));
        return all;
    }

    /** Idempotent staking: the staking events with their request key, and a ledger state remembering answers. */
    static Map<String, Object> v4() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("ledger.Staked.v1@key", new SystemLedger.Staked(stakeOfGateway(), Optional.of(KEY_1)));
        all.put("ledger.StakeWithdrawalRequested.v1@key", new SystemLedger.StakeWithdrawalRequested(
                List.of(genesisStakeOfB().withdrawingFrom(new Epoch(3))), Optional.of(KEY_2)));
        all.put("ledger.StakeWithdrawn.v1@key",
                new SystemLedger.StakeWithdrawn(List.of(stakeOfGateway()), Optional.of(KEY_3)));
        Map<RequestKey, StakeReceipts.Receipt> receipts = new LinkedHashMap<>();
        receipts.put(KEY_2, new StakeReceipts.Receipt(StakeReceipts.Operation.REQUEST_WITHDRAWAL,
                new StakeChange(List.of(genesisStakeOfB().withdrawingFrom(new Epoch(3))), 0, 497_900)));
        receipts.put(KEY_1, new StakeReceipts.Receipt(StakeReceipts.Operation.STAKE,
                new StakeChange(List.of(stakeOfGateway()), 500, 497_900)));
        receipts.put(KEY_3, new StakeReceipts.Receipt(StakeReceipts.Operation.WITHDRAWAL,
                new StakeChange(List.of(stakeOfGateway()), 500, 498_400)));
        all.put("ledger.State.v1@receipts", changingLedger(new StakeReceipts(receipts)));
        return all;
    }

    /** Ledgers from before epochs turned: the start of their current epoch, recorded at their first tick. */
    static Map<String, Object> v5() {
        return Map.of("ledger.EpochStartRecorded.v1",
                new SystemLedger.EpochStartRecorded(new Epoch(1), 1_700_000_005_000L));
    }

    /**
     * Blob objects (issue 13): a registration with its object details, every object event, the answer memory and a
     * state that remembers deleted objects and answered requests. (Set v6 is left to the ledger's account events.)
     */
    static Map<String, Object> v7() {
        Map<String, Object> all = new LinkedHashMap<>();
        Registration object = objectRegistration();
        all.put("blob.Registered.v1@object", new BlobEntity.Registered(object));
        all.put("blob.Extended.v1", new ObjectCommands.Extended(OBJECT_1, new Epoch(9), REQUEST_KEY));
        all.put("blob.Deleted.v1", new ObjectCommands.Deleted(OBJECT_2, Optional.of(new Epoch(6)), REQUEST_KEY));
        all.put("blob.Deleted.v1@last", new ObjectCommands.Deleted(OBJECT_2, Optional.empty(), REQUEST_KEY));
        all.put("blob.Burned.v1", new ObjectCommands.Burned(List.of(OBJECT_1, OBJECT_2), REQUEST_KEY));
        all.put("blob.Shared.v1", new ObjectCommands.Shared(OBJECT_1, REQUEST_KEY));
        all.put("blob.AttributesChanged.v1", new ObjectCommands.AttributesChanged(OBJECT_1,
                Map.of("content-type", "text/plain", "k", "v"), REQUEST_KEY));
        all.put("blob.OwnerChanged.v1", new ObjectCommands.OwnerChanged(OBJECT_1, OWNER_B, REQUEST_KEY));
        ObjectCommands.ObjectChange deleted = new ObjectCommands.ObjectChange(REQUEST_KEY, List.of(deletable()),
                Optional.of(deletable().storage()));
        all.put("blob.RequestAnswered.v1", new ObjectCommands.RequestAnswered(REQUEST_KEY, DIGEST,
                1_700_000_600_000L, 1_700_000_000_000L, deleted));
        ObjectMemory memory = new ObjectMemory(Set.of(OBJECT_2),
                Map.of(REQUEST_KEY, new ObjectMemory.Answered(DIGEST, 1_700_000_600_000L, deleted)));
        all.put("blob.State.v1@objects", new BlobEntity.State(List.of(object), Map.of(), Optional.empty(), memory));
        return all;
    }

    /**
     * TLS on the node API (issue 15): a registration with its certificate's fingerprint, and a committee whose
     * member carries one.
     */
    static Map<String, Object> v8() {
        Map<String, Object> all = new LinkedHashMap<>();
        Optional<TlsFingerprint> tls = Optional.of(TlsFingerprint.of(filled(32, 0xf1)));
        all.put("ledger.NodeRegistered.v1@tls",
                new SystemLedger.NodeRegistered(NODE_B, "https://127.0.0.1:9186", key(0x0b), POOL, tls));
        StorageNodeInfo b = new StorageNodeInfo(NODE_B, "https://127.0.0.1:9186", key(0x0b), 100, tls);
        all.put("ledger.CommitteeFormed.v1@tls", new SystemLedger.CommitteeFormed(
                new Committee(new Epoch(1), List.of(nodeA(), b), committee().shardOwners()), 1_700_000_000_000L));
        return all;
    }

    private static Registration objectRegistration() {
        StorageResource storage = new StorageResource(OBJECT_2, new Epoch(1), new Epoch(6), 1L << 20);
        return permanent().certifiedAt(new Epoch(1)).ownedBy(OWNER_B).withObject(new Registration.ObjectDetails(
                storage, true, false, Map.of("content-type", "text/plain")));
    }

    private static LedgerGenesis genesisWithEpochs() {
        return new LedgerGenesis(4, 100, 2000, 53, "gateway", 1_000_000,
                List.of(new LedgerGenesis.Node(NODE_A, 300), new LedgerGenesis.Node(NODE_B, 100)),
                Duration.ofSeconds(60));
    }

    private static Committee committee2() {
        return new Committee(new Epoch(2), List.of(nodeA(), new StorageNodeInfo(NODE_B, "http://127.0.0.1:9186",
                key(0x0b), 600)), List.of(NODE_B, NODE_A, NODE_B, NODE_B));
    }

    private static StakedWal stakeOfGateway() {
        return new StakedWal(3, NODE_B, "gateway", 500, new Epoch(2), Optional.empty());
    }

    private static StakedWal genesisStakeOfB() {
        return new StakedWal(2, NODE_B, StakeBook.GENESIS_OWNER, 100, new Epoch(1), Optional.empty());
    }

    private static LedgerState changingLedger(StakeReceipts receipts) {
        StakedWal genesisA = new StakedWal(1, NODE_A, StakeBook.GENESIS_OWNER, 300, new Epoch(1), Optional.empty());
        StakeBook book = new StakeBook(Map.of(NODE_A, PoolParams.DEFAULT, NODE_B, POOL),
                Map.of(1L, genesisA, 2L, genesisStakeOfB().withdrawingFrom(new Epoch(3)), 3L, stakeOfGateway()), 4,
                receipts);
        EpochProgress progress = new EpochProgress(EpochState.EPOCH_CHANGE_SYNC, 1_700_000_060_000L,
                Optional.of(committee()), Optional.empty(), Set.of(NODE_A));
        return new LedgerState(Optional.of(genesisWithEpochs()), new Epoch(2), Map.of(NODE_A, nodeA(), NODE_B, nodeB()),
                Optional.of(committee2()), Map.of("gateway", 497_900L),
                Map.of(OBJECT_1, new LedgerState.Charge("gateway", 2100, 997_900, new Epoch(1))), progress, book);
    }

    private static Registration permanent() {
        return new Registration(OBJECT_1, "gateway", 1000, 6940, new Epoch(1), new Epoch(6), false, 12_000,
                Optional.empty());
    }

    private static Registration deletable() {
        return new Registration(OBJECT_2, "alice", 0, 6940, new Epoch(2), new Epoch(3), true, 2100,
                Optional.empty());
    }

    private static LedgerGenesis genesis() {
        return new LedgerGenesis(4, 100, 2000, 53, "gateway", 1_000_000,
                List.of(new LedgerGenesis.Node(NODE_A, 300), new LedgerGenesis.Node(NODE_B, 100)));
    }

    private static StorageNodeInfo nodeA() {
        return new StorageNodeInfo(NODE_A, "http://127.0.0.1:9185", key(0x0a), 300);
    }

    private static StorageNodeInfo nodeB() {
        return new StorageNodeInfo(NODE_B, "http://127.0.0.1:9186", key(0x0b), 100);
    }

    private static Committee committee() {
        return new Committee(new Epoch(1), List.of(nodeA(), nodeB()), List.of(NODE_A, NODE_A, NODE_A, NODE_B));
    }

    private static LedgerState fullLedger() {
        // Snapshots from before staking read with the genesis stakes and a default pool for every registered node.
        StakeBook book = new StakeBook(Map.of(NODE_A, PoolParams.DEFAULT, NODE_B, PoolParams.DEFAULT),
                StakeBook.genesis(genesis()).stakes(), 3);
        return new LedgerState(Optional.of(genesis()), new Epoch(1), Map.of(NODE_A, nodeA(), NODE_B, nodeB()),
                Optional.of(committee()), Map.of("gateway", 997_900L),
                Map.of(OBJECT_1, new LedgerState.Charge("gateway", 2100, 997_900, new Epoch(1))),
                EpochProgress.initial(), book);
    }

    private static Ed25519PublicKey key(int filler) {
        return Ed25519PublicKey.of(filled(32, filler));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] counting(int length, int start) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (start + i);
        }
        return bytes;
    }
}
