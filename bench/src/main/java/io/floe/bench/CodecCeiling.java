package io.floe.bench;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.BlobDecoder;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.rs.GfKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The codec's ceiling for bench/e2e.sh: in this process, on every core, how fast a blob of each size encodes with its
 * metadata (what a gateway does for a store) and decodes from its np systematic primary slivers with the default
 * consistency check (what a read of a healthy network costs). Warm-up runs (more for small blobs, so the JIT has
 * compiled the codec as in a running gateway), then the median of {@code repeats}
 * wall-clock runs, one line per size: {@code codec n=.. bytes=.. encode_ms=.. encode_MBps=.. decode_ms=.. decode_MBps=..}.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.floe.bench.CodecCeiling 100 3 1048576 67108864</pre>
 */
public final class CodecCeiling {
    private CodecCeiling() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: CodecCeiling <n> <repeats> <bytes>...");
            System.exit(2);
        }
        EncodingConfig config = new EncodingConfig(Integer.parseInt(args[0]));
        int repeats = Integer.parseInt(args[1]);
        for (int i = 2; i < args.length; i++) {
            measure(config, Integer.parseInt(args[i]), Math.max(1, repeats));
        }
    }

    private static void measure(EncodingConfig config, int bytes, int repeats) {
        byte[] blob = new byte[bytes];
        new SplittableRandom(bytes).nextBytes(blob);
        BlobEncoder encoder = new BlobEncoder(config);
        EncodedBlob encoded = encoder.encode(blob);
        BlobDecoder decoder = new BlobDecoder(encoded.metadata());
        List<Sliver> systematic = new ArrayList<>();
        for (int r = 0; r < config.primarySourceSymbols(); r++) {
            systematic.add(encoded.sliver(SliverType.PRIMARY, new SliverIndex(r)));
        }
        if (!Arrays.equals(blob, decoder.decode(systematic, BlobDecoder.ConsistencyCheck.DEFAULT))) {
            throw new IllegalStateException("decoded bytes differ from the blob");
        }
        for (int i = 0; i < warmUps(bytes, repeats); i++) {
            encoder.encode(blob);
            decoder.decode(systematic, BlobDecoder.ConsistencyCheck.DEFAULT);
        }
        double[] encode = new double[repeats];
        double[] decode = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            encoder.encode(blob);
            encode[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            decoder.decode(systematic, BlobDecoder.ConsistencyCheck.DEFAULT);
            decode[i] = (System.nanoTime() - start) / 1e6;
        }
        double encodeMs = EncodeTimer.median(encode);
        double decodeMs = EncodeTimer.median(decode);
        System.out.printf(Locale.ROOT, "codec n=%d bytes=%d encode_ms=%.1f encode_MBps=%.1f decode_ms=%.1f "
                + "decode_MBps=%.1f kernel=%s%n", config.nShards(), bytes, encodeMs, bytes / encodeMs / 1e3, decodeMs,
                bytes / decodeMs / 1e3, GfKernels.defaultKernel().name());
    }

    /** A warm gateway has encoded thousands of blobs: small ones get enough untimed runs to reach compiled code. */
    private static int warmUps(int bytes, int repeats) {
        return bytes < (1 << 20) ? 500 : repeats;
    }
}
