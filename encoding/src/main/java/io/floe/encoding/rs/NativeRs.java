package io.floe.encoding.rs;

import io.floe.encoding.jni.NativeLibrary;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The native RS engine (in {@code libfloers.so}, loaded by {@link NativeLibrary}): instruction-set choice and the
 * JNI entry points. Invariant: a native method is only called after
 * {@link #ready} succeeded for its ISA, and with bounds the callers (NativeKernel, NativeCodec) have checked; if
 * the library is absent or fails to load, {@link #LOADED} is false, one warning is logged, and Floe keeps its Java
 * kernels.
 */
final class NativeRs {
    /** ISA names in the order of the C enum (floe_rs.h); the widest last. */
    static final String[] ISA_NAMES = {"scalar", "avx2", "avx512", "gfni512"};
    static final boolean LOADED = NativeLibrary.LOADED;
    private static final boolean[] READY = new boolean[ISA_NAMES.length];

    private NativeRs() {
    }

    /** The ISA {@code floe.native.isa} (or environment FLOE_NATIVE_ISA) names, else the widest this CPU runs. */
    static int chosenIsa() {
        String name = System.getProperty("floe.native.isa", System.getenv("FLOE_NATIVE_ISA"));
        if (name == null || name.isEmpty()) {
            for (int isa = ISA_NAMES.length - 1; isa > 0; isa--) {
                if (supports(isa)) {
                    return isa;
                }
            }
            return 0;
        }
        return isaByName(name);
    }

    static int isaByName(String name) {
        for (int isa = 0; isa < ISA_NAMES.length; isa++) {
            if (ISA_NAMES[isa].equals(name.toLowerCase(Locale.ROOT))) {
                return isa;
            }
        }
        throw new IllegalArgumentException("native ISA must be one of " + String.join(", ", ISA_NAMES) + ", not " + name);
    }

    /** Builds the ISA's tables once; fails if the library is absent or the CPU lacks the ISA. */
    static synchronized void ready(int isa) {
        if (!LOADED) {
            throw new IllegalStateException("the native RS engine is not loaded (see the warning logged at start)");
        }
        if (!READY[isa]) {
            if (!supports(isa) || init(Gf16.expTable(), Gf16.logTable(), isa) != 0) {
                throw new IllegalStateException("this CPU cannot run the native " + ISA_NAMES[isa] + " engine");
            }
            READY[isa] = true;
        }
    }

    static native boolean supports(int isa);

    private static native int init(char[] exp, char[] log, int isa);

    /** One chunk of encode (RS16-SPEC.md §5.3/§5.4) on a direct work buffer of rows {@code stride} bytes apart. */
    static native void encodeChunk(int isa, ByteBuffer work, int stride, int len, int k, int m, int c, boolean highRate);

    /**
     * As {@link #encodeChunk}, but with {@code originals} (or null) original i is read from {@code originals[i]}
     * at byte {@code offset} instead of work row i, and with {@code recovery} (or null) recovery j lands in
     * {@code recovery[j]} at byte {@code offset} instead of work row j ({@code len} bytes, every array long enough:
     * the caller checks).
     */
    static native void encodeChunkTo(int isa, ByteBuffer work, int stride, int len, int k, int m, int c,
                                     boolean highRate, byte[][] originals, byte[][] recovery, int offset);

    /**
     * Encode of blocks [{@code first}, {@code end}) of shards that are runs of symbols of {@code s} bytes (each
     * {@code bytes} long), read from {@code originals} and written to {@code recovery} in that layout, chunk by
     * chunk through the work rows ({@code stride} bytes); rs_symbols.c places the symbols' lanes in blocks.
     */
    static native void encodeSymbols(int isa, ByteBuffer work, int stride, int k, int m, int c, boolean highRate,
                                     byte[][] originals, byte[][] recovery, int bytes, int s, int first, int end);

    /** One chunk of decode (§6.5); {@code inLogs[p]} is -1 where no shard was received. */
    static native void decodeChunk(int isa, ByteBuffer work, int stride, int len, int n, int end,
                                   int[] inLogs, int[] outPoints, int[] outLogs, int outCount);

    /** One GfKernel operation: 0 mulAdd, 1 mul, 2 fft, 3 ifft butterfly, 4 fftTwoLayers, 5 ifftTwoLayers. */
    static native void region(int isa, int op, byte[] a, byte[] b, byte[] c, byte[] d, int off, int len,
                              int log1, int log2, int log3);
}
