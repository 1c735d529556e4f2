package io.floe.encoding.rs;

/**
 * Chooses the kernel once per JVM: a Vector API kernel on JDK 25+ when {@code jdk.incubator.vector} is loaded
 * (on JDK 17 its GF(2^16) lookups are slower than the scalar tables, PERF-NOTES.md), else the scalar kernel. Of
 * the vector kernels, the widest the JVM and CPU run natively: {@link Vector512Kernel} where C2 uses 512-bit
 * vectors and the CPU has AVX-512 VBMI, else the 128-bit {@link VectorKernel} (AVX2 and SSE machines, and
 * {@code -XX:UseAVX=2}). Before all of them, where its library loaded, the native engine ({@link NativeKernel}:
 * C through JNI, one call per chunk; its ISA is the widest the CPU runs, or {@code floe.native.isa} /
 * {@code FLOE_NATIVE_ISA}). System property {@code floe.gf.kernel=scalar|vector|vector128|vector512|native|
 * native-<isa>|auto} overrides the choice; {@code vector} means the widest vector kernel, {@code native} fails
 * when the library is absent.
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

    /** The widest vector kernel this JVM and CPU run natively; fails if {@code jdk.incubator.vector} is not loaded. */
    public static GfKernel vector() {
        requireVector();
        return Vector512Holder.NATIVE ? vector512() : vector128();
    }

    /** The 128-bit Vector API kernel (one byte shuffle per 16-entry lookup); needs {@code jdk.incubator.vector}. */
    public static GfKernel vector128() {
        requireVector();
        return VectorKernelHolder.KERNEL;
    }

    /**
     * The 512-bit Vector API kernel; needs {@code jdk.incubator.vector}. It gives the same bytes everywhere, but
     * is only fast where {@link #vector()} would choose it (elsewhere the JDK emulates its vectors).
     */
    public static GfKernel vector512() {
        requireVector();
        return Vector512Holder.KERNEL;
    }

    /** Every vector kernel, for tests that must hold on each; empty without {@code jdk.incubator.vector}. */
    public static java.util.List<GfKernel> vectorKernels() {
        return vectorAvailable() ? java.util.List.of(vector128(), vector512()) : java.util.List.of();
    }

    /** True when the native engine's library is loaded (it may still lack an ISA this CPU does not run). */
    public static boolean nativeAvailable() {
        return NativeRs.LOADED;
    }

    /** The native engine with the ISA of {@code floe.native.isa} / FLOE_NATIVE_ISA, else the widest the CPU runs. */
    public static GfKernel nativeKernel() {
        return nativeKernel(NativeRs.ISA_NAMES[NativeRs.chosenIsa()]);
    }

    /** The native engine on one ISA ("scalar", "avx2", "avx512", "gfni512"); fails if absent or unsupported. */
    public static GfKernel nativeKernel(String isa) {
        return NativeHolder.kernel(NativeRs.isaByName(isa));
    }

    /** The native engine on every ISA this CPU runs, for tests; empty when the library is absent. */
    public static java.util.List<GfKernel> nativeKernels() {
        java.util.List<GfKernel> kernels = new java.util.ArrayList<>();
        for (int isa = 0; NativeRs.LOADED && isa < NativeRs.ISA_NAMES.length; isa++) {
            if (NativeRs.supports(isa)) {
                kernels.add(NativeHolder.kernel(isa));
            }
        }
        return kernels;
    }

    private static void requireVector() {
        if (!vectorAvailable()) {
            throw new IllegalStateException("the vector kernels need --add-modules jdk.incubator.vector");
        }
    }

    static GfKernel choose(String setting) {
        if (setting.startsWith("native-")) {
            return nativeKernel(setting.substring("native-".length()));
        }
        switch (setting) {
            case "native":
                return nativeKernel();
            case "scalar":
                return SCALAR;
            case "vector":
                return vector();
            case "vector128":
                return vector128();
            case "vector512":
                return vector512();
            case "auto":
                if (NativeRs.LOADED) {
                    try {
                        return nativeKernel();
                    } catch (IllegalStateException e) {
                        System.getLogger(GfKernels.class.getName()).log(System.Logger.Level.WARNING,
                            "native RS engine unusable, using the Java kernels: " + e.getMessage());
                    }
                }
                return vectorAvailable() && Runtime.version().feature() >= VECTOR_MIN_JDK ? vector() : SCALAR;
            default:
                throw new IllegalArgumentException("floe.gf.kernel must be scalar, vector, vector128, vector512, native, native-<isa> or auto, not " + setting);
        }
    }

    /** One native kernel per ISA, made (and its tables built) on first use. */
    private static final class NativeHolder {
        private static final GfKernel[] KERNELS = new GfKernel[NativeRs.ISA_NAMES.length];

        static synchronized GfKernel kernel(int isa) {
            if (KERNELS[isa] == null) {
                KERNELS[isa] = new NativeKernel(isa);
            }
            return KERNELS[isa];
        }
    }

    /** Loaded only when asked for, so a JVM without the incubator module never links the vector classes. */
    private static final class VectorKernelHolder {
        static final GfKernel KERNEL = new VectorKernel();
    }

    /** Same, for the 512-bit kernel and the test whether this machine runs it natively. */
    private static final class Vector512Holder {
        static final GfKernel KERNEL = new Vector512Kernel();
        static final boolean NATIVE = CpuFeatures.runsWideByteLookups();
    }
}
