package io.floe.bench;

import io.floe.encoding.merkle.HashBatch;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.rs.GfKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times {@link BlobEncoder#computeMetadata} on a file, the way {@code oracle.mjs time-metadata} times Walrus's wasm
 * encoder, so bench/compare-wasm.sh can set the two side by side. Not JMH: one warm-up call, then the median of
 * {@code repeats} wall-clock calls, printed on one line with the blob ID so the caller can check both agree.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx8g -cp bench/target/benchmarks.jar io.floe.bench.EncodeTimer
 *     1000 blob.bin 3</pre>
 */
public final class EncodeTimer {
    private EncodeTimer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: EncodeTimer <n> <file> <repeats>");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        byte[] blob = Files.readAllBytes(Path.of(args[1]));
        int repeats = Integer.parseInt(args[2]);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        BlobEncoder encoder = new BlobEncoder(new EncodingConfig(n));
        VerifiedMetadata metadata = encoder.computeMetadata(blob);
        double[] millis = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            metadata = encoder.computeMetadata(blob);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf(Locale.ROOT, "floe n=%d bytes=%d median_ms=%.1f kernel=%s hash=%s blobId=%s%n",
            n, blob.length, median(millis), GfKernels.defaultKernel().name(),
            HashBatch.engineName() + "x" + HashBatch.engineLanes(), metadata.blobId());
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
