package io.floe.actors.serialization;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.ledger.LedgerGenesis;
import io.floe.actors.ledger.LedgerState;
import io.floe.actors.ledger.SystemLedger;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.SignedMessage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    static final List<String> VERSIONS = List.of("v1", "v2");

    private static final NodeId NODE_A = new NodeId("node-a");
    private static final NodeId NODE_B = new NodeId("node-b");
    private static final ObjectId OBJECT_1 = ObjectId.of(filled(32, 0x11));
    private static final ObjectId OBJECT_2 = ObjectId.of(filled(32, 0x22));
    private static final SignedMessage SIGNED_A = new SignedMessage(counting(72, 1), filled(64, 0xa1));
    private static final SignedMessage SIGNED_B = new SignedMessage(counting(72, 2), filled(64, 0xb2));

    private SchemaFixtures() {
    }

    /** The fixtures of one set, by file stem; empty for a set this code does not know. */
    static Map<String, Object> expected(String version) {
        return switch (version) {
            case "v1" -> v1();
            case "v2" -> v2();
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
                new SystemLedger.NodeRegistered(NODE_B, "http://127.0.0.1:9186", key(0x0b)));
        all.put("ledger.CommitteeFormed.v1", new SystemLedger.CommitteeFormed(committee()));
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
        return new LedgerState(Optional.of(genesis()), new Epoch(1), Map.of(NODE_A, nodeA(), NODE_B, nodeB()),
                Optional.of(committee()), Map.of("gateway", 997_900L),
                Map.of(OBJECT_1, new LedgerState.Charge("gateway", 2100, 997_900, new Epoch(1))));
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
