package io.floe.actors.testing;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.SignedMessage;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * A storage node for tests with a real Ed25519 key from the JDK, and BLOB_CERT and INVALID_BLOB_ID messages built
 * byte by byte from DESIGN.md §5 (not with the production builder, so the two check each other).
 */
public record TestNode(NodeId id, PrivateKey privateKey, Ed25519PublicKey publicKey) {

    public static TestNode create(String id) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded();
            // The X.509 encoding ends with the 32 raw key bytes.
            return new TestNode(new NodeId(id), pair.getPrivate(),
                    Ed25519PublicKey.of(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public StorageNodeInfo info(long stake) {
        return new StorageNodeInfo(id, "http://127.0.0.1:9185/" + id, publicKey, stake);
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SignedMessage confirmPermanent(Epoch epoch, BlobId blobId) {
        byte[] message = blobCert(epoch, blobId, null);
        return new SignedMessage(message, sign(message));
    }

    public SignedMessage confirmDeletable(Epoch epoch, BlobId blobId, ObjectId objectId) {
        byte[] message = blobCert(epoch, blobId, objectId);
        return new SignedMessage(message, sign(message));
    }

    public SignedMessage attestInvalid(Epoch epoch, BlobId blobId) {
        byte[] message = invalidBlob(epoch, blobId);
        return new SignedMessage(message, sign(message));
    }

    /** intent (INVALID_BLOB_ID=2, version 0, app 3), epoch u32 LE, blob ID. */
    public static byte[] invalidBlob(Epoch epoch, BlobId blobId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(2);
        out.write(0);
        out.write(3);
        for (int i = 0; i < 4; i++) {
            out.write(epoch.value() >>> (8 * i));
        }
        out.writeBytes(blobId.bytes());
        return out.toByteArray();
    }

    /** intent (BLOB_CERT=1, version 0, app 3), epoch u32 LE, blob ID, then 0x00 or 0x01 and the object ID. */
    public static byte[] blobCert(Epoch epoch, BlobId blobId, ObjectId deletableObjectId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(0);
        out.write(3);
        for (int i = 0; i < 4; i++) {
            out.write(epoch.value() >>> (8 * i));
        }
        out.writeBytes(blobId.bytes());
        if (deletableObjectId == null) {
            out.write(0);
        } else {
            out.write(1);
            out.writeBytes(deletableObjectId.bytes());
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "TestNode[" + id + "]";
    }
}
