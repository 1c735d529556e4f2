package io.floe.bench;

import io.floe.encoding.rs.ReedSolomon;
import io.floe.encoding.rs.RsParameters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
 * Encode and decode of one codeword at Walrus's shard counts. Read the {@code :mbPerSec} line: MB/s of source
 * data (k x shardBytes per call) over wall-clock time, see {@link Throughput}. The codec spreads lane chunks over
 * all cores with a parallel stream, so that is not a per-core figure: each trial prints how many threads the codec
 * used. The {@code :mbPerCpuSec} line divides by process CPU time instead ({@link CpuThroughput}), and
 * {@code -XX:ActiveProcessorCount=1} (JVM_ARGS in jmh.sh) makes the codec itself single-threaded; then
 * {@code :mbPerThreadCpuSec} ({@link ThreadCpuThroughput}) is the per-core figure on the calling thread's CPU clock.
 *
 * <p>Decode gets exactly k shards and is recovery-heavy: the first min(k, m) originals are missing and the first
 * min(k, m) recovery shards replace them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ReedSolomonBenchmark {
    /** Original and recovery shard counts, "k-m": 334 -> 1000, 667 -> 1000, 32 -> 64. */
    @Param({"334-666", "667-333", "32-32"})
    public String shape;

    @Param({"1024", "4096", "65536"})
    public int shardBytes;

    @Param({"scalar", "vector"})
    public String kernel;

    private ReedSolomon codec;
    private long sourceBytes;
    private byte[][] originals;
    private byte[][] recovery;
    private byte[][] givenOriginals;
    private byte[][] givenRecovery;

    @Setup
    public void setUp() {
        int dash = shape.indexOf('-');
        int k = Integer.parseInt(shape.substring(0, dash));
        int m = Integer.parseInt(shape.substring(dash + 1));
        RsParameters params = new RsParameters(k, m, shardBytes);
        codec = new ReedSolomon(params, Kernels.byName(kernel));
        sourceBytes = (long) k * shardBytes;
        SplittableRandom random = new SplittableRandom(k);
        originals = new byte[k][shardBytes];
        for (byte[] shard : originals) {
            random.nextBytes(shard);
        }
        recovery = codec.encode(originals);
        int drop = Math.min(k, m);
        givenOriginals = originals.clone();
        givenRecovery = new byte[m][];
        for (int i = 0; i < drop; i++) {
            givenOriginals[i] = null;
            givenRecovery[i] = recovery[i];
        }
        System.out.printf("%n# codec threads: encode %d, decode %d (of %d processors)%n",
            threadsUsed(() -> codec.encode(originals)), threadsUsed(() -> codec.decode(givenOriginals, givenRecovery)),
            Runtime.getRuntime().availableProcessors());
    }

    @Benchmark
    public byte[][] encode(Throughput bytes, CpuThroughput cpu, ThreadCpuThroughput thread) {
        codec.encode(originals, recovery);
        bytes.add(sourceBytes);
        cpu.add(sourceBytes);
        thread.add(sourceBytes);
        return recovery;
    }

    @Benchmark
    public byte[][] decode(Throughput bytes, CpuThroughput cpu, ThreadCpuThroughput thread) {
        byte[][] restored = codec.decode(givenOriginals, givenRecovery);
        bytes.add(sourceBytes);
        cpu.add(sourceBytes);
        thread.add(sourceBytes);
        return restored;
    }

    /**
     * Threads that spent CPU time on one call: the caller plus common-pool workers. Measured through thread CPU time
     * rather than a wrapping kernel, so the codec's call sites keep the single receiver type they have in production.
     */
    private int threadsUsed(Runnable call) {
        call.run();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = mx.getAllThreadIds();
        long[] before = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            before[i] = mx.getThreadCpuTime(ids[i]);
        }
        call.run();
        String caller = Thread.currentThread().getName();
        int used = 0;
        for (int i = 0; i < ids.length; i++) {
            ThreadInfo info = mx.getThreadInfo(ids[i]);
            boolean codecThread = info != null
                && (info.getThreadName().equals(caller) || info.getThreadName().startsWith("ForkJoinPool.commonPool"));
            if (codecThread && before[i] >= 0 && mx.getThreadCpuTime(ids[i]) > before[i]) {
                used++;
            }
        }
        return used;
    }
}
