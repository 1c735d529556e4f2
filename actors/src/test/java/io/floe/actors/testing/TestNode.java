package io.floe.actors.testing;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.SignedMessage;
import io.floe.protocol.testing.MessageOracle;
import io.floe.protocol.testing.TestKey;

/**
 * A storage node for tests with a real Ed25519 {@link TestKey}, signing BLOB_CERT and INVALID_BLOB_ID messages built
 * byte by byte by the {@link MessageOracle} (not with the production builder, so the two check each other).
 */
public record TestNode(NodeId id, TestKey key) {

    public static TestNode create(String id) {
        return new TestNode(new NodeId(id), TestKey.generate());
    }

    /** The node's public key. */
    public Ed25519PublicKey publicKey() {
        return key.publicKey();
    }

    public StorageNodeInfo info(long stake) {
        return new StorageNodeInfo(id, "http://127.0.0.1:9185/" + id, publicKey(), stake);
    }

    public byte[] sign(byte[] message) {
        return key.sign(message);
    }

    public SignedMessage confirmPermanent(Epoch epoch, BlobId blobId) {
        return key.signed(MessageOracle.blobCert(epoch, blobId, null));
    }

    public SignedMessage confirmDeletable(Epoch epoch, BlobId blobId, ObjectId objectId) {
        return key.signed(MessageOracle.blobCert(epoch, blobId, objectId));
    }

    public SignedMessage attestInvalid(Epoch epoch, BlobId blobId) {
        return key.signed(MessageOracle.invalidBlob(epoch, blobId));
    }

    @Override
    public String toString() {
        return "TestNode[" + id + "]";
    }
}
