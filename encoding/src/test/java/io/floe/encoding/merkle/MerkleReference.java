package io.floe.encoding.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * A deliberately naive Walrus Merkle tree for tests: recursive over levels, hashing with BouncyCastle rather than
 * {@link Blake2b256}, so the code under test is checked against an independent implementation of the rules.
 */
final class MerkleReference {
    static final byte[] ZERO = new byte[32];

    private MerkleReference() {
    }

    static byte[] bcBlake2b256(byte[]... parts) {
        Blake2bDigest digest = new Blake2bDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    static byte[] leafHash(byte[] data) {
        return bcBlake2b256(new byte[] {0}, data);
    }

    static byte[] innerHash(byte[] left, byte[] right) {
        return bcBlake2b256(new byte[] {1}, left, right);
    }

    /** Root over node hashes: none is all zeros, one is itself, otherwise pad an odd level with zeros and recurse. */
    static byte[] root(List<byte[]> level) {
        if (level.isEmpty()) {
            return ZERO.clone();
        }
        if (level.size() == 1) {
            return level.get(0);
        }
        List<byte[]> padded = new ArrayList<>(level);
        if (padded.size() % 2 == 1) {
            padded.add(ZERO);
        }
        List<byte[]> parents = new ArrayList<>();
        for (int i = 0; i < padded.size(); i += 2) {
            parents.add(innerHash(padded.get(i), padded.get(i + 1)));
        }
        return root(parents);
    }

    static byte[] rootOfData(byte[][] leaves) {
        return root(Arrays.stream(leaves).map(MerkleReference::leafHash).toList());
    }

    /** Leaves of varied lengths (0, 1, ... bytes) so leaf hashing crosses block boundaries too. */
    static byte[][] leaves(int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[][] leaves = new byte[count][];
        for (int i = 0; i < count; i++) {
            leaves[i] = new byte[(i * 37) % 300];
            random.nextBytes(leaves[i]);
        }
        return leaves;
    }

    static byte[][] leafHashes(byte[][] leaves) {
        return Arrays.stream(leaves).map(MerkleReference::leafHash).toArray(byte[][]::new);
    }

    static byte[] pack(byte[][] hashes, int offset) {
        byte[] packed = new byte[offset + hashes.length * 32];
        for (int i = 0; i < hashes.length; i++) {
            System.arraycopy(hashes[i], 0, packed, offset + i * 32, 32);
        }
        return packed;
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
