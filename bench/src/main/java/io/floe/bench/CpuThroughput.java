package io.floe.bench;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Source bytes per CPU second of the whole JVM process, as a JMH secondary result ({@code :mbPerCpuSec}, in MB/s,
 * printed with unit "#"). Unlike the wall-clock {@link Throughput}, this is a per-core figure however many threads
 * the codec uses, and it is less disturbed by other work on a shared machine. It includes JIT and GC threads, which
 * are nearly idle after warm-up.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuThroughput {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long bytes;
    private long cpuStartNanos;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        cpuStartNanos = OS.getProcessCpuTime();
    }

    void add(long n) {
        bytes += n;
    }

    /** Read by JMH at the end of each iteration. */
    public double mbPerCpuSec() {
        long cpu = OS.getProcessCpuTime() - cpuStartNanos;
        return cpu <= 0 ? 0 : bytes * 1e3 / cpu;
    }
}
