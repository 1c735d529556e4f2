package io.floe.bench;

import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;

/** Kernel by benchmark parameter name. */
final class Kernels {
    private Kernels() {
    }

    static GfKernel byName(String name) {
        switch (name) {
            case "scalar":
                return GfKernels.scalar();
            case "vector":
                return GfKernels.vector();
            default:
                throw new IllegalArgumentException("kernel must be scalar or vector, not " + name);
        }
    }
}
