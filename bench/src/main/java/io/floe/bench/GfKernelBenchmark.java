package io.floe.bench;

import io.floe.encoding.rs.GfKernel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GF(2^16) region kernels, scalar against vector, single-threaded. Read the {@code :mbPerSec} line (ops/us = MB/s
 * of source region over wall-clock time, see {@link Throughput}) or {@code :mbPerCpuSec} (MB per CPU second, see
 * {@link CpuThroughput}); the primary score is calls per microsecond. The default region is
 * 1 MiB, so source plus destination (2 MiB) live in L2/L3 rather than L1; {@code -p regionBytes=16384} measures
 * the cache-resident size the codec's chunks actually use.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GfKernelBenchmark {
    /** An arbitrary multiplier that is neither zero nor one. */
    private static final int LOG = 0x1234;

    @Param({"scalar", "vector"})
    public String kernel;

    /** Region length; a multiple of 64 (whole blocks). */
    @Param({"1048576"})
    public int regionBytes;

    private GfKernel gf;
    private byte[] dst;
    private byte[] src;

    @Setup
    public void setUp() {
        gf = Kernels.byName(kernel);
        SplittableRandom random = new SplittableRandom(1);
        dst = new byte[regionBytes];
        src = new byte[regionBytes];
        random.nextBytes(dst);
        random.nextBytes(src);
    }

    @Benchmark
    public void mulAdd(Throughput bytes, CpuThroughput cpu) {
        gf.mulAdd(dst, src, 0, regionBytes, LOG);
        bytes.add(regionBytes);
        cpu.add(regionBytes);
    }

    /** One FFT butterfly over two regions; counts the bytes of one region, like mulAdd. */
    @Benchmark
    public void fftButterfly(Throughput bytes, CpuThroughput cpu) {
        gf.fftButterfly(dst, src, 0, regionBytes, LOG);
        bytes.add(regionBytes);
        cpu.add(regionBytes);
    }

    @Benchmark
    public void xor(Throughput bytes, CpuThroughput cpu) {
        gf.xor(dst, src, 0, regionBytes);
        bytes.add(regionBytes);
        cpu.add(regionBytes);
    }
}
