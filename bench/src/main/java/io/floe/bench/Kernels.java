package io.floe.bench;

import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;

/** Kernel by benchmark parameter name; "vector" is the widest vector kernel the JVM and CPU run natively. */
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
            default:
                throw new IllegalArgumentException("kernel must be scalar, vector, vector128 or vector512, not " + name);
        }
    }
}
