package io.floe.bench;

import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;

/**
 * Kernel by benchmark parameter name; "vector" is the widest vector kernel the JVM and CPU run natively, "native"
 * the native engine on its widest ISA, "native-avx2" (or another ISA name) on that ISA.
 */
final class Kernels {
    private Kernels() {
    }

    static GfKernel byName(String name) {
        switch (name) {
            case "scalar":
                return GfKernels.scalar();
            case "vector":
                return GfKernels.vector();
            case "vector128":
                return GfKernels.vector128();
            case "vector512":
                return GfKernels.vector512();
            case "native":
                return GfKernels.nativeKernel();
            default:
                if (name.startsWith("native-")) {
                    return GfKernels.nativeKernel(name.substring("native-".length()));
                }
                throw new IllegalArgumentException(
                    "kernel must be scalar, vector, vector128, vector512, native or native-<isa>, not " + name);
        }
    }
}
