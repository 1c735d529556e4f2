package io.floe.encoding.merkle;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Queues Blake2b-256 hashes of equal-length inputs, {@code H(prefix || src[off, off+len))} into one output array,
 * and computes them a vector's worth at a time, four or eight ({@link LaneHasher}): the encoder's million Merkle
 * leaves and two million inner nodes are all such hashes. A hash is written by the {@link #add} that fills a batch
 * or by {@link #flush};
 * until then its output bytes are untouched and its input is not yet read, so callers must keep both as they are.
 *
 * <p>Which lane hasher computes them is chosen once per JVM: the native one ({@link NativeLaneHasher}, 64 hashes per
 * JNI call, eight or four per vector) whenever Floe's native library is loaded, else the Vector API one when
 * {@code jdk.incubator.vector} is loaded and the CPU has 256-bit integer vectors (then it beats the scalar one on
 * JDK 17 and 25 here; without them the JDK runs vector code in plain Java, tens of times slower), eight lanes wide
 * where it has 512-bit ones ({@link VectorLaneHasher#SPECIES}), else the scalar one; system property
 * {@code floe.hash.lanes=native|vector|scalar|auto} overrides. All give the same bytes. Not thread-safe.
 */
public final class HashBatch {
    private static final Supplier<LaneHasher> ENGINE = choose(System.getProperty("floe.hash.lanes", "auto"));

    private final LaneHasher engine;
    private final byte prefix;
    private final int len;
    private final byte[] out;
    private final byte[][] src;
    private final int[] off;
    private final int[] outOff;
    private int queued;

    /** Hashes with {@code engine}, which the batch uses alone until it is flushed. */
    HashBatch(LaneHasher engine, byte prefix, int len, byte[] out) {
        if (len < 0) {
            throw new IllegalArgumentException("input length must not be negative, got " + len);
        }
        this.engine = engine;
        this.prefix = prefix;
        this.len = len;
        this.out = Objects.requireNonNull(out);
        int lanes = engine.lanes();
        this.src = new byte[lanes][];
        this.off = new int[lanes];
        this.outOff = new int[lanes];
    }

    /** Merkle leaf hashes {@code H(0x00 || symbol)} of {@code symbolBytes}-byte symbols, written into {@code out}. */
    public static HashBatch leaves(int symbolBytes, byte[] out) {
        return new HashBatch(ENGINE.get(), Blake2b256.LEAF_PREFIX, symbolBytes, out);
    }

    /** As {@link #leaves(int, byte[])} with the named lane hasher ({@code native}, {@code vector}, {@code scalar}, ...). */
    public static HashBatch leaves(int symbolBytes, byte[] out, String engine) {
        return new HashBatch(choose(engine).get(), Blake2b256.LEAF_PREFIX, symbolBytes, out);
    }

    /** Merkle inner hashes {@code H(0x01 || left || right)} of two adjacent 32-byte nodes, written into {@code out}. */
    static HashBatch innerNodes(LaneHasher engine, byte[] out) {
        return new HashBatch(engine, Blake2b256.INNER_PREFIX, 2 * Blake2b256.DIGEST_LENGTH, out);
    }

    /** A new lane hasher of the kind this JVM uses, for a caller that keeps one per thread. */
    static LaneHasher newEngine() {
        return ENGINE.get();
    }

    /** Name of the lane hasher this JVM uses ("native", "vector" or "scalar"), for logs and benchmarks. */
    public static String engineName() {
        return ENGINE.get().name();
    }

    /** Hashes the lane hasher this JVM uses takes per call (8 with 512-bit vectors, 64 natively), for logs. */
    public static int engineLanes() {
        return ENGINE.get().lanes();
    }

    /** Queues the hash of {@code src[srcOff, srcOff+len)} into {@code out[outOff, outOff+32)}. */
    public void add(byte[] data, int srcOff, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, data.length);
        Objects.checkFromIndexSize(dstOff, Blake2b256.DIGEST_LENGTH, out.length);
        src[queued] = data;
        off[queued] = srcOff;
        outOff[queued] = dstOff;
        if (++queued == src.length) {
            flush();
        }
    }

    /** Computes and writes every queued hash. */
    public void flush() {
        if (queued > 0) {
            engine.hash(prefix, len, src, off, queued, out, outOff);
            queued = 0;
        }
    }

    static Supplier<LaneHasher> choose(String setting) {
        switch (setting) {
            case "scalar":
                return ScalarLaneHasher::new;
            case "native":
                if (!NativeLaneHasher.available()) {
                    throw new IllegalStateException("floe.hash.lanes=native needs Floe's native library (built with gcc)");
                }
                return NativeLaneHasher::new;
            case "vector":
                if (!vectorAvailable()) {
                    throw new IllegalStateException("floe.hash.lanes=vector needs --add-modules jdk.incubator.vector");
                }
                return VectorLaneHasher::new;
            case "auto":
                if (NativeLaneHasher.available()) {
                    return NativeLaneHasher::new;
                }
                return vectorAvailable() && VectorLaneHasher.compiledToHardware()
                    ? VectorLaneHasher::new : ScalarLaneHasher::new;
            default:
                throw new IllegalArgumentException("floe.hash.lanes must be native, vector, scalar or auto, not " + setting);
        }
    }

    private static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
