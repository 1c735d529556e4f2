package io.floe.encoding.rs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte-region helpers shared by the kernels. */
final class Regions {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Regions() {
    }

    /** {@code dst ^= src} over [off, off + len), eight bytes at a time (len is a multiple of 64). */
    static void xor(byte[] dst, byte[] src, int off, int len) {
        final int end = off + len;
        for (int i = off; i < end; i += 8) {
            LONGS.set(dst, i, (long) LONGS.get(dst, i) ^ (long) LONGS.get(src, i));
        }
    }
}
