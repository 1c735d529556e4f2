package io.floe.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.signing.MalformedProtocolMessageException.Problem;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Expected bytes were produced by the Walrus TypeScript SDK ({@code @mysten/walrus} 's {@code StorageConfirmation}
 * layout) for the same inputs, and agree with the layout written out by hand: intent 3 bytes, epoch u32 LE, body.
 */
class ProtocolMessagesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ID_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String OBJECT_HEX = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";
    private static final BlobId BLOB = BlobId.of(HEX.parseHex(ID_HEX));
    private static final ObjectId OBJECT = ObjectId.of(HEX.parseHex(OBJECT_HEX));

    @Test
    void permanentConfirmationMatchesWalrusLayout() {
        byte[] msg = ProtocolMessages.blobCertified(new Epoch(0x01020304), BLOB);
        assertEquals("01" + "00" + "03" + "04030201" + ID_HEX + "00", HEX.formatHex(msg));
    }

    @Test
    void deletableConfirmationMatchesWalrusLayout() {
        byte[] msg = ProtocolMessages.blobCertifiedDeletable(new Epoch(7), BLOB, OBJECT);
        assertEquals("01" + "00" + "03" + "07000000" + ID_HEX + "01" + OBJECT_HEX, HEX.formatHex(msg));
    }

    @Test
    void invalidBlobMessageIsHeaderAndBlobId() {
        byte[] msg = ProtocolMessages.invalidBlob(new Epoch(5), BLOB);
        assertEquals("02" + "00" + "03" + "05000000" + ID_HEX, HEX.formatHex(msg));
    }

    @Test
    void parsesWhatItBuilds() {
        assertEquals(new ParsedMessage(IntentType.BLOB_CERT, new Epoch(9), BLOB, Optional.empty()),
                ProtocolMessages.parse(ProtocolMessages.blobCertified(new Epoch(9), BLOB)));
        assertEquals(new ParsedMessage(IntentType.BLOB_CERT, new Epoch(9), BLOB, Optional.of(OBJECT)),
                ProtocolMessages.parse(ProtocolMessages.blobCertifiedDeletable(new Epoch(9), BLOB, OBJECT)));
        assertEquals(new ParsedMessage(IntentType.INVALID_BLOB_ID, new Epoch(Integer.MAX_VALUE), BLOB, Optional.empty()),
                ProtocolMessages.parse(ProtocolMessages.invalidBlob(new Epoch(Integer.MAX_VALUE), BLOB)));
    }

    @Test
    void rejectsWrongVersionAndAppId() {
        byte[] msg = ProtocolMessages.blobCertified(new Epoch(1), BLOB);
        assertProblem(Problem.WRONG_INTENT_VERSION, 1, with(msg, 1, 1));
        assertProblem(Problem.WRONG_APP_ID, 2, with(msg, 2, 0));
    }

    @Test
    void rejectsIntentsItDoesNotParse() {
        byte[] msg = ProtocolMessages.blobCertified(new Epoch(1), BLOB);
        assertProblem(Problem.UNSUPPORTED_INTENT, 0, with(msg, 0, IntentType.SYNC_SHARD.code()));
        assertProblem(Problem.UNSUPPORTED_INTENT, 0, with(msg, 0, IntentType.PROOF_OF_POSSESSION.code()));
        assertProblem(Problem.UNSUPPORTED_INTENT, 0, with(msg, 0, 9));
    }

    @Test
    void rejectsWrongLengths() {
        byte[] permanent = ProtocolMessages.blobCertified(new Epoch(1), BLOB);
        assertProblem(Problem.TRUNCATED, 39, Arrays.copyOf(permanent, permanent.length - 1));
        assertProblem(Problem.TRUNCATED, 7, Arrays.copyOf(permanent, 20));
        assertProblem(Problem.TRUNCATED, 0, new byte[0]);
        assertProblem(Problem.TRAILING_BYTES, 40, Arrays.copyOf(permanent, permanent.length + 1));
        byte[] deletable = ProtocolMessages.blobCertifiedDeletable(new Epoch(1), BLOB, OBJECT);
        assertProblem(Problem.TRUNCATED, 40, Arrays.copyOf(deletable, deletable.length - 1));
        byte[] invalid = ProtocolMessages.invalidBlob(new Epoch(1), BLOB);
        assertProblem(Problem.TRAILING_BYTES, 39, Arrays.copyOf(invalid, invalid.length + 1));
    }

    @Test
    void rejectsUnknownBlobTypeAndHugeEpoch() {
        byte[] msg = ProtocolMessages.blobCertified(new Epoch(1), BLOB);
        assertProblem(Problem.UNKNOWN_BLOB_TYPE, 39, with(msg, 39, 2));
        assertProblem(Problem.UNKNOWN_BLOB_TYPE, 39, with(msg, 39, 0x80));
        assertProblem(Problem.EPOCH_OUT_OF_RANGE, 3, with(msg, 6, 0x80));
    }

    private static byte[] with(byte[] msg, int index, int value) {
        byte[] copy = msg.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static void assertProblem(Problem problem, int offset, byte[] msg) {
        MalformedProtocolMessageException e = assertThrows(MalformedProtocolMessageException.class,
                () -> ProtocolMessages.parse(msg));
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }
}
