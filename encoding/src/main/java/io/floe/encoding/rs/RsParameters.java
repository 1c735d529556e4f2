package io.floe.encoding.rs;

/**
 * Shape of one systematic Reed-Solomon code: {@code k} original shards, {@code m} recovery shards of
 * {@code shardBytes} bytes each. Invariant: accepted by reed-solomon-simd 3.x (RS16-SPEC.md §5.1), so the rate
 * chosen here is the crate's and codewords are bit-identical to it.
 */
public record RsParameters(int originalCount, int recoveryCount, int shardBytes) {
    public RsParameters {
        if (originalCount < 1 || recoveryCount < 1) {
            throw new UnsupportedShardCountException(originalCount, recoveryCount);
        }
        int small = Math.min(nextPow2(originalCount), nextPow2(recoveryCount));
        if ((long) small + Math.max(originalCount, recoveryCount) > Gf16.ORDER) {
            throw new UnsupportedShardCountException(originalCount, recoveryCount);
        }
        if (shardBytes < 2 || shardBytes % 2 != 0) {
            throw new InvalidShardSizeException(shardBytes);
        }
    }

    /** The crate's rule (§5.2): equal powers of two pick the "other" rate because it decodes faster. */
    public boolean highRate() {
        int k2 = nextPow2(originalCount);
        int m2 = nextPow2(recoveryCount);
        return k2 == m2 ? originalCount <= recoveryCount : k2 > m2;
    }

    /** Chunk size C of the chosen rate. */
    int chunk() {
        return highRate() ? nextPow2(recoveryCount) : nextPow2(originalCount);
    }

    /** Total number of shards in a codeword. */
    public int totalCount() {
        return originalCount + recoveryCount;
    }

    static int nextPow2(int x) {
        return x <= 1 ? 1 : Integer.highestOneBit(x - 1) << 1;
    }
}
