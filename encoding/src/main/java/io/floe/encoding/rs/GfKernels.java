package io.floe.encoding.rs;

/**
 * Chooses the kernel once per JVM: the Vector API kernel on JDK 25+ when {@code jdk.incubator.vector} is loaded
 * (on JDK 17 its GF(2^16) lookups are slower than the scalar tables, PERF-NOTES.md), else the scalar kernel.
 * System property {@code floe.gf.kernel=scalar|vector|auto} overrides the choice.
 */
public final class GfKernels {
    /** First JDK feature release where the vector kernel beats the scalar one here. */
    static final int VECTOR_MIN_JDK = 25;
    private static final GfKernel SCALAR = new ScalarKernel();
    private static final GfKernel DEFAULT = choose(System.getProperty("floe.gf.kernel", "auto"));

    private GfKernels() {
    }

    /** The kernel chosen at start-up. */
    public static GfKernel defaultKernel() {
        return DEFAULT;
    }

    /** The portable table kernel. */
    public static GfKernel scalar() {
        return SCALAR;
    }

    /** True when the incubating Vector API module is in the boot layer (needs {@code --add-modules}). */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The Vector API kernel; fails if {@code jdk.incubator.vector} is not loaded. */
    public static GfKernel vector() {
        if (!vectorAvailable()) {
            throw new IllegalStateException("the vector kernel needs --add-modules jdk.incubator.vector");
        }
        return VectorKernelHolder.KERNEL;
    }

    static GfKernel choose(String setting) {
        switch (setting) {
            case "scalar":
                return SCALAR;
            case "vector":
                return vector();
            case "auto":
                return vectorAvailable() && Runtime.version().feature() >= VECTOR_MIN_JDK ? vector() : SCALAR;
            default:
                throw new IllegalArgumentException("floe.gf.kernel must be scalar, vector or auto, not " + setting);
        }
    }

    /** Loaded only when asked for, so a JVM without the incubator module never links the vector classes. */
    private static final class VectorKernelHolder {
        static final GfKernel KERNEL = new VectorKernel();
    }
}
