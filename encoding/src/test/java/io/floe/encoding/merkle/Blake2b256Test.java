package io.floe.encoding.merkle;

import static io.floe.encoding.merkle.MerkleReference.bcBlake2b256;
import static io.floe.encoding.merkle.MerkleReference.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Blake2b256Test {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void hashesKnownVectors() {
        assertArrayEquals(hex("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"),
            Blake2b256.hash(new byte[0]));
        assertArrayEquals(hex("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"),
            Blake2b256.hash(ascii("abc")));
        assertArrayEquals(hex("01718cec35cd3d796dd00020e0bfecb473ad23457d063b75eff29c0ffa2e58a9"),
            Blake2b256.hash(ascii("The quick brown fox jumps over the lazy dog")));
    }

    @Test
    void hashesPartsAsTheirConcatenation() {
        assertArrayEquals(Blake2b256.hash(ascii("abc")), Blake2b256.hash(ascii("a"), new byte[0], ascii("bc")));
    }

    /** DESIGN.md §3 vector: blob ID = H(0x01 || u64 LE length || root); the root is Walrus's, from the oracle. */
    @Test
    void computesWalrusBlobIdFromItsRoot() {
        byte[] root = hex("dc3457c94140737f55ccfba619f79c96928f3845da745142c7c8e23396eedf88");
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(33).array();
        assertArrayEquals(hex("45c53cd8cc1ff82164bf52da23fdaa72900dc29194b86dd33309d5cd9c43da46"),
            Blake2b256.hash(new byte[] {1}, length, root));
    }

    @Test
    void matchesBouncyCastleForEveryLengthUpTo1100() {
        Random random = new Random(42);
        Blake2b256 reused = new Blake2b256();
        for (int len = 0; len <= 1100; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            byte[] expected = bcBlake2b256(data);
            assertArrayEquals(expected, Blake2b256.hash(data), "length " + len);
            assertArrayEquals(expected, reused.update(data).digest(), "reused instance, length " + len);
        }
    }

    @Test
    void matchesBouncyCastleWhenFedInRandomPieces() {
        Random random = new Random(7);
        Blake2b256 hasher = new Blake2b256();
        for (int trial = 0; trial < 300; trial++) {
            byte[] data = new byte[random.nextInt(2000)];
            random.nextBytes(data);
            int pos = 0;
            while (pos < data.length) {
                if (random.nextInt(4) == 0) {
                    hasher.update(data[pos++]);
                } else {
                    int len = Math.min(data.length - pos, random.nextInt(300));
                    hasher.update(data, pos, len);
                    pos += len;
                }
            }
            assertArrayEquals(bcBlake2b256(data), hasher.digest(), "trial " + trial);
        }
    }

    @Test
    void leafHashIsZeroPrefixedHashOfTheSlice() {
        Random random = new Random(3);
        Blake2b256 hasher = new Blake2b256();
        byte[] out = new byte[40];
        for (int len = 0; len < 400; len += 7) {
            byte[] data = new byte[len + 10];
            random.nextBytes(data);
            hasher.update(ascii("left over input is discarded"));
            hasher.leafHash(data, 5, len, out, 8);
            byte[] expected = bcBlake2b256(new byte[] {0}, Arrays.copyOfRange(data, 5, 5 + len));
            assertArrayEquals(expected, Arrays.copyOfRange(out, 8, 40), "length " + len);
        }
    }

    @Test
    void innerHashIsOnePrefixedHashAndMayOverwriteItsInputs() {
        byte[] left = Blake2b256.hash(ascii("left"));
        byte[] right = Blake2b256.hash(ascii("right"));
        byte[] expected = bcBlake2b256(new byte[] {1}, left, right);
        byte[] packed = MerkleReference.pack(new byte[][] {left, right}, 0);
        new Blake2b256().innerHash(packed, 0, packed, 32, packed, 0);
        assertArrayEquals(expected, Arrays.copyOf(packed, 32));
        new Blake2b256().innerHash(left, 0, right, 0, right, 0);
        assertArrayEquals(expected, right);
    }

    @Test
    void refusesSlicesOutsideTheArray() {
        Blake2b256 hasher = new Blake2b256();
        assertThrows(IndexOutOfBoundsException.class, () -> hasher.update(new byte[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> hasher.digest(new byte[40], 9));
        assertThrows(IndexOutOfBoundsException.class,
            () -> hasher.innerHash(new byte[32], 1, new byte[32], 0, new byte[32], 0));
    }
}
