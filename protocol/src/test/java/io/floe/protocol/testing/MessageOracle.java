package io.floe.protocol.testing;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.io.ByteArrayOutputStream;

/**
 * The signed protocol messages as Walrus lays them out (DESIGN.md §5), written byte by byte for tests: intent type,
 * intent version 0, app ID 3, epoch as u32 little-endian, then the body.
 *
 * <p>Invariant: it never calls the production builder ({@code ProtocolMessages}), so the two check each other; a
 * test compares what a node signs with these bytes.
 */
public final class MessageOracle {
    private static final int BLOB_CERT = 1;
    private static final int INVALID_BLOB_ID = 2;

    private MessageOracle() {
    }

    /** BLOB_CERT: header, blob ID, then 0x00 (permanent, {@code deletable} null) or 0x01 and the object ID. */
    public static byte[] blobCert(Epoch epoch, BlobId blobId, ObjectId deletable) {
        ByteArrayOutputStream out = header(BLOB_CERT, epoch);
        out.writeBytes(blobId.bytes());
        if (deletable == null) {
            out.write(0);
        } else {
            out.write(1);
            out.writeBytes(deletable.bytes());
        }
        return out.toByteArray();
    }

    /** INVALID_BLOB_ID: header and blob ID. */
    public static byte[] invalidBlob(Epoch epoch, BlobId blobId) {
        ByteArrayOutputStream out = header(INVALID_BLOB_ID, epoch);
        out.writeBytes(blobId.bytes());
        return out.toByteArray();
    }

    private static ByteArrayOutputStream header(int intent, Epoch epoch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(intent);
        out.write(0);
        out.write(3);
        for (int i = 0; i < 4; i++) {
            out.write(epoch.value() >>> (8 * i));
        }
        return out;
    }
}
