package io.floe.encoding.rs;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The erasure-locator logarithms of RS16-SPEC.md §6.4 by erasure pattern, with a small LRU of recent patterns.
 * Computing a locator costs two Walsh-Hadamard transforms over all 65,536 field elements whatever the shard size,
 * which dominates decodes of small shards; Red Stuff decodes many slivers and blobs with the same pattern, so a
 * pattern's locator is computed once and reused. Invariant: a cached array is never written after it is stored,
 * and callers only read it; the key's bit set is a private copy, so it never changes while in the map.
 */
final class ErasureLocators {
    private static final int CAPACITY = 32;
    private static final Map<Key, int[]> CACHE = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, int[]> eldest) {
            return size() > CAPACITY;
        }
    };

    private ErasureLocators() {
    }

    /** Parameters (k, m) and the points below the end that received nothing (low-rate padding excluded). */
    private record Key(int originalCount, int recoveryCount, BitSet missing) {
    }

    /**
     * The locator logs at points [0, workLength) for the pattern {@code missing}; erased points past the end are
     * implied by the rate (all of them at low rate, none at high rate).
     */
    static int[] locator(RsParameters params, BitSet missing, int end, int workLength) {
        Key key = new Key(params.originalCount(), params.recoveryCount(), (BitSet) missing.clone());
        synchronized (CACHE) {
            int[] cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        int[] computed = compute(params.highRate(), missing, end, workLength);
        synchronized (CACHE) {
            CACHE.put(key, computed);
        }
        return computed;
    }

    private static int[] compute(boolean highRate, BitSet missing, int end, int workLength) {
        int[] e = new int[Gf16.ORDER];
        for (int p = 0; p < Gf16.ORDER; p++) {
            e[p] = (p >= end ? !highRate : missing.get(p)) ? 1 : 0;
        }
        Gf16.fwht(e);
        for (int p = 0; p < Gf16.ORDER; p++) {
            e[p] = Gf16.foldMul(e[p], Gf16.logWalsh(p));
        }
        Gf16.fwht(e);
        int[] result = new int[workLength];
        System.arraycopy(e, 0, result, 0, workLength);
        return result;
    }
}
