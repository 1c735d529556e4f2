package io.floe.bench;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Source bytes per CPU second of the whole JVM process, as a JMH secondary result: the {@code :mbPerCpuSec} line,
 * in "ops/us", reads as MB per CPU second. Unlike the wall-clock {@link Throughput} it is a per-core figure however
 * many threads the codec uses, and it barely moves when other work shares the machine. It includes JIT and GC
 * threads, which are nearly idle after warm-up.
 *
 * <p>JMH divides an OPERATIONS counter by the iteration's wall time and offers no CPU clock, so the counter reports
 * {@code bytes * wall / cpu}, both measured here over the same span; JMH's division leaves bytes / cpu.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CpuThroughput {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long bytes;
    private long cpuStartNanos;
    private long wallStartNanos;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        cpuStartNanos = OS.getProcessCpuTime();
        wallStartNanos = System.nanoTime();
    }

    void add(long n) {
        bytes += n;
    }

    /** Read by JMH once per iteration, after the measured loop. */
    public double mbPerCpuSec() {
        long cpu = OS.getProcessCpuTime() - cpuStartNanos;
        long wall = System.nanoTime() - wallStartNanos;
        return cpu <= 0 ? 0 : bytes * ((double) wall / cpu);
    }
}
