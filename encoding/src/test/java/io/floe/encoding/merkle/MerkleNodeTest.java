package io.floe.encoding.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import org.junit.jupiter.api.Test;

class MerkleNodeTest {
    @Test
    void emptyAndZeroDigestShareBytesButNotIdentity() {
        MerkleNode zeroDigest = MerkleNode.digest(new byte[32]);
        assertArrayEquals(MerkleNode.EMPTY.bytes(), zeroDigest.bytes());
        assertNotEquals(MerkleNode.EMPTY, zeroDigest);
        assertEquals(zeroDigest, MerkleNode.digest(new byte[32]));
        assertEquals(zeroDigest.hashCode(), MerkleNode.digest(new byte[32]).hashCode());
        assertEquals("Empty", MerkleNode.EMPTY.toString());
    }

    @Test
    void digestIsCopiedInAndOut() {
        byte[] source = Blake2b256.hash(new byte[] {42});
        MerkleNode node = MerkleNode.digest(source);
        source[0] ^= 1;
        node.bytes()[1] ^= 1;
        source[0] ^= 1;
        assertArrayEquals(source, node.bytes());
        assertThrows(IndexOutOfBoundsException.class, () -> MerkleNode.digest(new byte[31]));
    }

    @Test
    void bcsTagsVariantsAndWritesTheDigestRaw() {
        byte[] digest = Blake2b256.hash(new byte[] {7});
        BcsWriter out = new BcsWriter();
        MerkleNode.EMPTY.writeTo(out);
        MerkleNode.digest(digest).writeTo(out);
        byte[] bytes = out.toByteArray();
        assertEquals(1 + 1 + 32, bytes.length);
        assertEquals(0, bytes[0]);
        assertEquals(1, bytes[1]);
        BcsReader in = new BcsReader(bytes);
        assertSame(MerkleNode.EMPTY, MerkleNode.readFrom(in));
        assertEquals(MerkleNode.digest(digest), MerkleNode.readFrom(in));
        in.expectEnd();
    }

    @Test
    void bcsRefusesUnknownTagsAndShortDigests() {
        BcsException unknown = assertThrows(BcsException.class,
            () -> MerkleNode.readFrom(new BcsReader(new byte[] {9, 2})));
        assertEquals(0, unknown.offset());
        byte[] truncated = new byte[32];
        truncated[0] = 1;
        BcsException shortDigest = assertThrows(BcsException.class,
            () -> MerkleNode.readFrom(new BcsReader(truncated)));
        assertEquals(1, shortDigest.offset());
    }
}
