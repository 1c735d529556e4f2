package io.floe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Source bytes per CPU second of the benchmark thread alone, as a JMH secondary result: the
 * {@code :mbPerThreadCpuSec} line, in "ops/us", reads as MB per CPU second. With {@code -XX:ActiveProcessorCount=1}
 * the codec runs on the calling thread only, so this is the per-core figure with JIT, GC and other processes on the
 * machine left out: the same clock the native comparison harness uses ({@code bench/compare-rs-native.sh}).
 * Like {@link CpuThroughput} it reports {@code bytes * wall / cpu}, which JMH's division by wall time turns into
 * bytes / cpu.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ThreadCpuThroughput {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long bytes;
    private long cpuStartNanos;
    private long wallStartNanos;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        cpuStartNanos = THREADS.getCurrentThreadCpuTime();
        wallStartNanos = System.nanoTime();
    }

    void add(long n) {
        bytes += n;
    }

    /** Read by JMH once per iteration, after the measured loop (on the benchmark thread). */
    public double mbPerThreadCpuSec() {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStartNanos;
        long wall = System.nanoTime() - wallStartNanos;
        return cpu <= 0 ? 0 : bytes * ((double) wall / cpu);
    }
}
