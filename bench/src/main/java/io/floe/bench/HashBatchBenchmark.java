package io.floe.bench;

import io.floe.encoding.merkle.HashBatch;
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
 * Merkle leaf hashing, the encoder's largest cost: the leaf hashes of one expanded sliver of n = 1000 symbols, with
 * the scalar, the vector and the native lane hasher, single-threaded. The primary score is slivers per microsecond; the
 * {@code :mbPerSec} line is MB/s of symbol bytes ({@link Throughput}), {@code :mbPerCpuSec} the same per CPU second
 * ({@link CpuThroughput}, steadier on a shared machine). The vector engine's width is the JVM's
 * ({@code -Dfloe.hash.vectorBits=256|512} through JVM_ARGS to compare). Symbol sizes: 64 bytes (an inner node's input
 * size, one block), 302 (the symbol of a 64 MiB blob at n = 1000, three blocks), 4096.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class HashBatchBenchmark {
    private static final int SYMBOLS = 1000;

    @Param({"scalar", "vector", "native"})
    public String engine;

    @Param({"64", "302", "4096"})
    public int symbolBytes;

    private byte[] sliver;
    private byte[] leaves;

    @Setup
    public void setUp() {
        sliver = new byte[SYMBOLS * symbolBytes];
        new SplittableRandom(9).nextBytes(sliver);
        leaves = new byte[SYMBOLS * 32];
    }

    @Benchmark
    public byte[] leafHashes(Throughput bytes, CpuThroughput cpu) {
        HashBatch batch = HashBatch.leaves(symbolBytes, leaves, engine);
        for (int i = 0; i < SYMBOLS; i++) {
            batch.add(sliver, i * symbolBytes, i * 32);
        }
        batch.flush();
        bytes.add((long) SYMBOLS * symbolBytes);
        cpu.add((long) SYMBOLS * symbolBytes);
        return leaves;
    }
}
