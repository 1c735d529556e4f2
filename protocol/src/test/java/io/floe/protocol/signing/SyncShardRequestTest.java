package io.floe.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.signing.MalformedProtocolMessageException.Problem;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The layout written out from Walrus's {@code SyncShardRequestV1} and {@code ProtocolMessage} serde derivations. */
class SyncShardRequestTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ID_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final BlobId BLOB = BlobId.of(HEX.parseHex(ID_HEX));

    @Test
    void messageMatchesWalrusLayout() {
        SyncShardRequest request = new SyncShardRequest(new ShardIndex(0x0102), SliverType.SECONDARY, BLOB, 1000,
                new Epoch(7));
        assertEquals("03" + "00" + "03" + "07000000" + "00" + "0201" + "01" + ID_HEX + "e803000000000000"
                + "07000000", HEX.formatHex(request.toMessage()));
    }

    @Test
    void parsesWhatItWrites() {
        SyncShardRequest request = new SyncShardRequest(new ShardIndex(5), SliverType.PRIMARY, BLOB, 10, new Epoch(2));
        assertEquals(request, SyncShardRequest.parse(request.toMessage()));
    }

    @Test
    void refusesOtherIntents() {
        byte[] confirmation = ProtocolMessages.blobCertified(new Epoch(2), BLOB);
        MalformedProtocolMessageException e = assertThrows(MalformedProtocolMessageException.class,
                () -> SyncShardRequest.parse(confirmation));
        assertEquals(Problem.UNSUPPORTED_INTENT, e.problem());
    }

    @Test
    void refusesMismatchedEpochsAndTrailingBytes() {
        byte[] message = new SyncShardRequest(new ShardIndex(5), SliverType.PRIMARY, BLOB, 10, new Epoch(2))
                .toMessage();
        byte[] otherEpoch = message.clone();
        otherEpoch[message.length - 4] = 3;
        assertEquals(Problem.EPOCH_OUT_OF_RANGE, assertThrows(MalformedProtocolMessageException.class,
                () -> SyncShardRequest.parse(otherEpoch)).problem());
        byte[] longer = java.util.Arrays.copyOf(message, message.length + 1);
        assertEquals(Problem.TRAILING_BYTES, assertThrows(MalformedProtocolMessageException.class,
                () -> SyncShardRequest.parse(longer)).problem());
        byte[] shorter = java.util.Arrays.copyOf(message, message.length - 1);
        assertEquals(Problem.TRUNCATED, assertThrows(MalformedProtocolMessageException.class,
                () -> SyncShardRequest.parse(shorter)).problem());
    }

    @Test
    void signedBodyRoundTripsAndRefusesLeftovers() {
        SignedMessage signed = new SignedMessage(new byte[] {1, 2, 3}, new byte[64]);
        byte[] body = SyncShardRequest.signedToBcs(signed);
        assertArrayEquals(signed.serializedMessage(), SyncShardRequest.signedFromBcs(body).serializedMessage());
        byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
        assertThrows(BcsException.class, () -> SyncShardRequest.signedFromBcs(longer));
    }
}
