package io.floe.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class ConfirmationVerifierTest {
    private static final BlobId BLOB = BlobId.of(new byte[32]);
    private final KeyPair keys = Ed25519.generate();
    private final StorageNodeInfo node = new StorageNodeInfo(new NodeId("node-a"), "http://127.0.0.1:1",
            Ed25519PublicKey.of(keys.getPublic()), 1);

    @Test
    void acceptsNodesSignatureOverExpectedMessage() {
        byte[] msg = ProtocolMessages.blobCertified(new Epoch(3), BLOB);
        SignedMessage signed = new SignedMessage(msg, Ed25519.sign(keys.getPrivate(), msg));
        assertTrue(ConfirmationVerifier.verifyConfirmation(node, signed, ProtocolMessages.blobCertified(new Epoch(3), BLOB)));
    }

    @Test
    void rejectsValidSignatureOverAnotherMessage() {
        byte[] otherEpoch = ProtocolMessages.blobCertified(new Epoch(2), BLOB);
        SignedMessage signed = new SignedMessage(otherEpoch, Ed25519.sign(keys.getPrivate(), otherEpoch));
        assertFalse(ConfirmationVerifier.verifyConfirmation(node, signed, ProtocolMessages.blobCertified(new Epoch(3), BLOB)));
    }

    @Test
    void rejectsSignatureByAnotherKey() {
        byte[] msg = ProtocolMessages.blobCertified(new Epoch(3), BLOB);
        SignedMessage signed = new SignedMessage(msg, Ed25519.sign(Ed25519.generate().getPrivate(), msg));
        assertFalse(ConfirmationVerifier.verifyConfirmation(node, signed, msg));
    }

    @Test
    void rejectsGarbageSignature() {
        byte[] msg = ProtocolMessages.blobCertified(new Epoch(3), BLOB);
        assertFalse(ConfirmationVerifier.verifyConfirmation(node, new SignedMessage(msg, new byte[] {1, 2, 3}), msg));
    }
}
