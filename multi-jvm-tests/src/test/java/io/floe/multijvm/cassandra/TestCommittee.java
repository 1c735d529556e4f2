package io.floe.multijvm.cassandra;

import io.floe.actors.ledger.LedgerGenesis;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.ProtocolMessages;
import io.floe.protocol.testing.TestKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Storage nodes with real Ed25519 keys for in-process journal tests: the ledger genesis that lists them, a
 * committee of them, and the BLOB_CERT confirmations each signs, so Blob entities certify as in a network.
 */
final class TestCommittee {
    static final String GATEWAY = "gateway";
    static final long FUNDS = 1_000_000_000_000_000L;
    static final long STAKE = 1_000;

    private final List<NodeId> ids = new ArrayList<>();
    private final List<TestKey> keys = new ArrayList<>();
    private final int nShards;

    TestCommittee(int nodes, int nShards) {
        this.nShards = nShards;
        for (int i = 0; i < nodes; i++) {
            ids.add(new NodeId("node-" + (i + 1)));
            keys.add(TestKey.generate());
        }
    }

    List<NodeId> ids() {
        return List.copyOf(ids);
    }

    LedgerGenesis genesis() {
        return new LedgerGenesis(nShards, 1000, 2000, 53, GATEWAY, FUNDS,
                ids.stream().map(id -> new LedgerGenesis.Node(id, STAKE)).toList());
    }

    /** Node {@code i}'s public key. */
    Ed25519PublicKey publicKey(int i) {
        return keys.get(i).publicKey();
    }

    String url(int i) {
        return "http://127.0.0.1:" + (9185 + i);
    }

    /** The genesis committee with shards dealt round-robin (equal stakes). */
    Committee committee() {
        List<StorageNodeInfo> members = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            members.add(new StorageNodeInfo(ids.get(i), url(i), publicKey(i), STAKE));
        }
        List<NodeId> owners = new ArrayList<>();
        for (int s = 0; s < nShards; s++) {
            owners.add(ids.get(s % ids.size()));
        }
        return new Committee(Epoch.GENESIS, members, owners);
    }

    /** Every node's signed confirmation that it holds its slivers of a permanent blob. */
    List<NodeConfirmation> confirmations(Epoch epoch, BlobId blobId) {
        byte[] message = ProtocolMessages.blobCertified(epoch, blobId);
        List<NodeConfirmation> all = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            all.add(new NodeConfirmation(ids.get(i), keys.get(i).signed(message)));
        }
        return all;
    }

    /** A permanent registration of 1000 bytes (3000 encoded) for 5 epochs. */
    static Registration registration(ObjectId objectId) {
        return new Registration(objectId, GATEWAY, 1000, 3000, Epoch.GENESIS, Epoch.GENESIS.plus(5), false, 7,
                Optional.empty());
    }

    static BlobId randomBlobId() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return BlobId.of(id);
    }
}
