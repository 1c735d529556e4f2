package io.floe.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes of source data a benchmark processed, as a JMH secondary result. JMH divides an OPERATIONS counter by the
 * measured time, and the benchmarks here report in microseconds, so the {@code :mbPerSec} line, printed in
 * "ops/us", is bytes per microsecond: MB/s (10^6 bytes per second) of wall-clock time, all codec threads together.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Throughput {
    /** Source bytes so far in this iteration (named for how it reads in the report, see the class comment). */
    public long mbPerSec;

    @Setup(Level.Iteration)
    public void reset() {
        mbPerSec = 0;
    }

    void add(long bytes) {
        mbPerSec += bytes;
    }
}
