package io.floe.encoding.rs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import jdk.incubator.vector.ByteVector;

/**
 * What the vector kernels need to know about the machine that the JDK does not say. The JVM tells the vector width
 * C2 uses ({@code SPECIES_PREFERRED}, which follows {@code -XX:UseAVX} and {@code -XX:MaxVectorSize}), but not
 * whether the CPU has AVX-512 VBMI, the extension that makes a 64-lane byte lookup a single {@code vpermb}; that
 * comes from the Linux CPU flags. Where they cannot be read, the answer is "no": the narrower kernel is exact
 * everywhere and never slow.
 */
final class CpuFeatures {
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CpuFeatures() {
    }

    /** True when C2 emits 512-bit vectors and the CPU has VBMI (and AVX-512BW, which VBMI implies). */
    static boolean runsWideByteLookups() {
        return ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 512 && hasFlag("avx512vbmi");
    }

    private static boolean hasFlag(String flag) {
        try (var lines = Files.lines(CPU_INFO)) {
            return lines.filter(l -> l.startsWith("flags"))
                .findFirst()
                .map(l -> Arrays.asList(SPACES.split(l)).contains(flag))
                .orElse(false);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
