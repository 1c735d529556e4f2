package io.floe.encoding.merkle;

/**
 * Computes up to {@link #lanes()} Blake2b-256 hashes of equal-length messages at once: lane {@code i} is
 * {@code H(prefix || src[i][off[i], off[i]+len))}, written to {@code out[outOff[i], outOff[i]+32)}. Every lane is
 * read before any is written, so outputs may overlap inputs (an in-place Merkle level). Implementations keep scratch
 * state and are not thread-safe; {@link HashBatch} is the public face.
 */
interface LaneHasher {
    /** Short name for logs and benchmarks ("scalar", "vector"). */
    String name();

    /** Hashes per call, fixed for the instance: 64-bit Blake2b words per vector (4 in 256 bits, 8 in 512). */
    int lanes();

    /** Hashes lanes {@code 0..lanes-1}; entries of the arrays past {@code lanes} are ignored. */
    void hash(byte prefix, int len, byte[][] src, int[] off, int lanes, byte[] out, int[] outOff);
}
