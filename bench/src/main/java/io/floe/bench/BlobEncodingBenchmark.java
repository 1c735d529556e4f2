package io.floe.bench;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobDecoder;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole-blob Red Stuff encode (all 2n slivers plus metadata and blob ID) and decode, at Walrus's shard counts. Scores
 * are ms per blob, wall-clock, with every codec thread counted. To read them as throughput of blob bytes:
 * {@code MB/s = blobBytes / (1000 * ms/op)}, e.g. 64 MiB (67108864 bytes) in 1500 ms/op is 44.7 MB/s.
 *
 * <p>A case is {@code "n:blobBytes"}. Encoding 64 MiB at n=1000 allocates about 1 GB (the 2n slivers are 302 MB, the
 * rest is codec scratch and the corner of the expanded matrix), so the forks get an 8 GB heap. The heap flag is
 * prepended rather than appended: jmh.sh passes its own {@code -jvmArgsAppend}, which replaces the annotation's,
 * while a later {@code -Xmx} in JVM_ARGS still wins over this one.
 *
 * <p>{@code -p kernel=scalar,vector} compares the GF kernels; the default {@code auto} is what production picks
 * ({@code floe.gf.kernel}, else vector on JDK 25+).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = "-Xmx8g", jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class BlobEncodingBenchmark {

    /** A blob to encode: 1 byte (fixed cost of the n x n grid), 1 KiB, 1 MiB, 64 MiB at n=1000, 16 MiB at n=100. */
    @State(Scope.Thread)
    public static class EncodeCase {
        @Param({"1000:1", "1000:1024", "1000:1048576", "1000:67108864", "100:16777216"})
        public String blob;

        @Param({"auto"})
        public String kernel;

        BlobEncoder encoder;
        byte[] bytes;

        @Setup(Level.Trial)
        public void setUp() {
            BlobCase c = BlobCase.parse(blob);
            GfKernel gf = kernelFor(kernel);
            encoder = new BlobEncoder(c.config(), gf);
            bytes = c.randomBytes();
            System.out.printf("%n# encode n=%d bytes=%d kernel=%s%n", c.n(), bytes.length, gf.name());
        }
    }

    /**
     * A blob encoded once per trial, keeping only the two sets of np primary slivers the decode benchmarks use: the
     * systematic ones (0..np-1, decoding is a copy plus the consistency check) and the last np (all recovery
     * slivers, since n - np >= np: decoding runs the column code's erasure decoder first).
     */
    @State(Scope.Thread)
    public static class DecodeCase {
        @Param({"1000:1048576", "1000:67108864", "100:16777216"})
        public String blob;

        @Param({"auto"})
        public String kernel;

        BlobDecoder decoder;
        List<Sliver> systematic;
        List<Sliver> recoveryOnly;

        @Setup(Level.Trial)
        public void setUp() {
            BlobCase c = BlobCase.parse(blob);
            GfKernel gf = kernelFor(kernel);
            EncodedBlob encoded = new BlobEncoder(c.config(), gf).encode(c.randomBytes());
            int n = c.n();
            int np = c.config().primarySourceSymbols();
            systematic = primarySlivers(encoded, 0, np);
            recoveryOnly = primarySlivers(encoded, n - np, n);
            VerifiedMetadata metadata = encoded.metadata();
            decoder = new BlobDecoder(metadata, gf);
            System.out.printf("%n# decode n=%d np=%d bytes=%d kernel=%s%n", n, np, c.bytes(), gf.name());
        }

        private static List<Sliver> primarySlivers(EncodedBlob encoded, int from, int to) {
            List<Sliver> slivers = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                slivers.add(encoded.sliver(SliverType.PRIMARY, new SliverIndex(i)));
            }
            return slivers;
        }
    }

    @Benchmark
    public EncodedBlob encode(EncodeCase c) {
        return c.encoder.encode(c.bytes);
    }

    @Benchmark
    public byte[] decodeSystematic(DecodeCase c) {
        return c.decoder.decode(c.systematic, BlobDecoder.ConsistencyCheck.DEFAULT);
    }

    @Benchmark
    public byte[] decodeRecoveryOnly(DecodeCase c) {
        return c.decoder.decode(c.recoveryOnly, BlobDecoder.ConsistencyCheck.DEFAULT);
    }

    private static GfKernel kernelFor(String name) {
        return "auto".equals(name) ? GfKernels.defaultKernel() : Kernels.byName(name);
    }

    /** One {@code "n:blobBytes"} case. */
    private record BlobCase(int n, int bytes) {
        static BlobCase parse(String text) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a blob case is \"n:blobBytes\", not " + text);
            }
            return new BlobCase(Integer.parseInt(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
        }

        EncodingConfig config() {
            return new EncodingConfig(n);
        }

        /** Random content, seeded by the case, so runs compare like with like. */
        byte[] randomBytes() {
            byte[] blob = new byte[bytes];
            new SplittableRandom(31L * n + bytes).nextBytes(blob);
            return blob;
        }
    }
}
