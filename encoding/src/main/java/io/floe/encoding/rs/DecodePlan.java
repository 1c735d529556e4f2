package io.floe.encoding.rs;

import java.util.BitSet;

/**
 * Where every received shard sits among the decoder's evaluation points, and the erasure-locator logarithms
 * (RS16-SPEC.md §6.2-§6.4), looked up once per decode (ErasureLocators caches them by pattern) and shared by
 * all chunks.
 */
final class DecodePlan {
    private final boolean highRate;
    private final int chunk;
    private final int end;
    private final int workLength;
    private final byte[][] atPoint;
    private final boolean[] missingOriginal;
    private final int[] locator;

    DecodePlan(RsParameters params, byte[][] originals, byte[][] recovery) {
        int k = params.originalCount();
        int m = params.recoveryCount();
        this.highRate = params.highRate();
        this.chunk = params.chunk();
        this.end = chunk + (highRate ? k : m);
        this.workLength = RsParameters.nextPow2(end);
        this.atPoint = new byte[workLength][];
        this.missingOriginal = new boolean[k];
        for (int i = 0; i < k; i++) {
            atPoint[originalPoint(i)] = originals[i];
            missingOriginal[i] = originals[i] == null;
        }
        for (int j = 0; j < m; j++) {
            atPoint[highRate ? j : chunk + j] = recovery[j];
        }
        this.locator = erasureLocator(params);
    }

    /** The pattern of §6.3 below the end; ErasureLocators adds the points past it. */
    private int[] erasureLocator(RsParameters params) {
        BitSet missing = new BitSet(end);
        for (int p = 0; p < end; p++) {
            missing.set(p, isErased(p));
        }
        return ErasureLocators.locator(params, missing, end, workLength);
    }

    /**
     * Erasure flag of point p (§6.3). Below the end, a point without a shard is erased, except the low-rate
     * padding points [k, C), which hold known zeros. Past the end, high rate has nothing and low rate erases all.
     */
    private boolean isErased(int p) {
        if (p >= end) {
            return !highRate;
        }
        boolean knownZero = !highRate && p >= missingOriginal.length && p < chunk;
        return atPoint[p] == null && !knownZero;
    }

    int originalPoint(int i) {
        return highRate ? chunk + i : i;
    }

    boolean isMissingOriginal(int i) {
        return missingOriginal[i];
    }

    byte[] receivedAt(int p) {
        return atPoint[p];
    }

    int locatorLog(int p) {
        return locator[p];
    }

    int end() {
        return end;
    }

    int workLength() {
        return workLength;
    }
}
