package io.floe.encoding.merkle;

import io.floe.encoding.jni.NativeLibrary;
import java.util.Arrays;
import java.util.Locale;

/**
 * Blake2b-256 in Floe's native library ({@code src/main/native/hash_*.c}, written from RFC 7693): eight messages per
 * 512-bit vector with AVX-512, four per 256-bit one with AVX2, else one at a time in portable C, the same bytes as
 * {@link Blake2b256}. It takes {@link #LANES} hashes per call, so one JNI call hashes a batch of a row's leaves or of
 * a Merkle level's pairs and its fixed cost (about 150 ns: one copy of the lane table, pinning the arrays) is spread
 * over them; the native code reads every lane before it writes any digest, as {@link LaneHasher} asks.
 *
 * <p>The instruction set is the widest the CPU runs, or the one {@code floe.native.isa} (environment
 * {@code FLOE_NATIVE_ISA}) names for the RS engine, capped at {@code avx512} ({@code gfni512} hashes with AVX-512).
 * Invariant: an instance exists only when the library is loaded and the CPU runs its instruction set.
 */
final class NativeLaneHasher implements LaneHasher {
    /** Instruction sets in the order of the C enum (floe_hash.h); the widest last. */
    static final String[] ISA_NAMES = {"scalar", "avx2", "avx512"};
    /** Hashes per JNI call; the C side keeps their digests on its stack (floe_hash_jni.c's MAX_LANES). */
    static final int LANES = 64;

    private final int isa;
    /**
     * The distinct input arrays of the current call; {@code table} holds per lane its array's index, input offset and
     * output offset, then the distinct arrays' lengths, then the output's length (one JNI copy carries them all).
     */
    private final byte[][] arrays = new byte[LANES][];
    private final int[] table = new int[4 * LANES + 1];

    /** A hasher on the instruction set this JVM uses ({@link #defaultIsa()}). */
    NativeLaneHasher() {
        this(defaultIsa());
    }

    NativeLaneHasher(int isa) {
        if (!available()) {
            throw new IllegalStateException("the native library is not loaded (see the warning logged at start)");
        }
        if (!supports(isa)) {
            throw new IllegalStateException("this CPU cannot run the native " + ISA_NAMES[isa] + " Blake2b");
        }
        this.isa = isa;
    }

    /** True when the native library is loaded in this JVM. */
    static boolean available() {
        return NativeLibrary.LOADED;
    }

    /** The instruction set {@code floe.native.isa} / {@code FLOE_NATIVE_ISA} names (capped), else the widest here. */
    static int defaultIsa() {
        String name = System.getProperty("floe.native.isa", System.getenv("FLOE_NATIVE_ISA"));
        if (name != null && !name.isEmpty()) {
            String lower = name.toLowerCase(Locale.ROOT);
            int isa = Arrays.asList(ISA_NAMES).indexOf(lower.equals("gfni512") ? "avx512" : lower);
            if (isa < 0) {
                throw new IllegalArgumentException(
                    "native ISA must be one of scalar, avx2, avx512, gfni512, not " + name);
            }
            return isa;
        }
        int isa = ISA_NAMES.length - 1;
        while (isa > 0 && !supports(isa)) {
            isa--;
        }
        return isa;
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public int lanes() {
        return LANES;
    }

    /** The instruction set's name ("avx512", "avx2", "scalar"), for logs and tests. */
    String isaName() {
        return ISA_NAMES[isa];
    }

    @Override
    public void hash(byte prefix, int len, byte[][] src, int[] off, int count, byte[] out, int[] outOff) {
        // Most batches read one array (a sliver, a Merkle level): the C side then fetches and pins it once.
        int distinct = 0;
        byte[] last = null;
        int index = -1;
        for (int i = 0; i < count; i++) {
            byte[] array = src[i];
            if (array != last) {
                index = indexOf(array, distinct);
                if (index == distinct) {
                    arrays[distinct++] = array;
                }
                last = array;
            }
            table[3 * i] = index;
            table[3 * i + 1] = off[i];
            table[3 * i + 2] = outOff[i];
        }
        for (int j = 0; j < distinct; j++) {
            table[3 * count + j] = arrays[j].length;
        }
        table[3 * count + distinct] = out.length;
        try {
            hash(isa, prefix, len, arrays[0], arrays, distinct, table, count, out, arrays[0] == out);
        } finally {
            Arrays.fill(arrays, 0, distinct, null);
        }
    }

    /** Index of {@code array} among the first {@code distinct} arrays, or {@code distinct} when it is new. */
    private int indexOf(byte[] array, int distinct) {
        int i = 0;
        while (i < distinct && arrays[i] != array) {
            i++;
        }
        return i;
    }

    static boolean supports(int isa) {
        return isa >= 0 && isa < ISA_NAMES.length && available() && cpuSupports(isa);
    }

    private static native boolean cpuSupports(int isa);

    /**
     * Digest of lane i, {@code H(prefix || arrays[table[3i]][table[3i+1], +len))}, into {@code out} at
     * {@code table[3i+2]}, for i < count <= LANES; {@code first} is {@code arrays[0]} (fetched without a JNI call),
     * {@code inPlace} says it is {@code out} (pinned once). Bounds are checked again in C against the lengths in the
     * table (exact: an array's length never changes); a bad one throws IndexOutOfBoundsException before anything
     * is written.
     */
    private static native void hash(int isa, byte prefix, int len, byte[] first, byte[][] arrays, int arrayCount,
                                    int[] table, int count, byte[] out, boolean inPlace);
}
