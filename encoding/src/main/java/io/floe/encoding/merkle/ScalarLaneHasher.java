package io.floe.encoding.merkle;

/** One lane after the other with the scalar {@link Blake2b256}: the portable fallback and the reference. */
final class ScalarLaneHasher implements LaneHasher {
    /** Any count works one lane after the other; four keeps the digest scratch small. */
    private static final int LANES = 4;
    private final Blake2b256 hasher = new Blake2b256();
    /** Digests wait here until every lane is read, so outputs may overlap any lane's input. */
    private final byte[] digests = new byte[LANES * Blake2b256.DIGEST_LENGTH];

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public void hash(byte prefix, int len, byte[][] src, int[] off, int lanes, byte[] out, int[] outOff) {
        for (int i = 0; i < lanes; i++) {
            hasher.prefixedHash(prefix, src[i], off[i], len, digests, i * Blake2b256.DIGEST_LENGTH);
        }
        for (int i = 0; i < lanes; i++) {
            System.arraycopy(digests, i * Blake2b256.DIGEST_LENGTH, out, outOff[i], Blake2b256.DIGEST_LENGTH);
        }
    }
}
