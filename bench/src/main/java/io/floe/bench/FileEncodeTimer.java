package io.floe.bench;

import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlobFile;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.FileBlobEncoder;
import io.floe.encoding.rs.GfKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times {@link FileBlobEncoder} (file region to sliver file, bounded heap) next to {@link BlobEncoder} (byte[] to
 * slivers on the heap) on the same random blob, interleaved so machine load hits both alike; checks both give the same
 * blob ID. With {@code file-only} it runs only the file encoder, for a run under a small {@code -Xmx}.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp bench/target/benchmarks.jar io.floe.bench.FileEncodeTimer
 *     1000 64 5 /tmp            # n, MiB (or "max"), repeats, work directory [file-only]</pre>
 */
public final class FileEncodeTimer {
    private FileEncodeTimer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: FileEncodeTimer <n> <MiB|max> <repeats> <workDir> [file-only]");
            System.exit(2);
        }
        EncodingConfig config = new EncodingConfig(Integer.parseInt(args[0]));
        long length = args[1].equals("max") ? config.maxBlobSize() : Long.parseLong(args[1]) << 20;
        int repeats = Integer.parseInt(args[2]);
        Path work = Files.createTempDirectory(Path.of(args[3]), "file-encode-");
        boolean fileOnly = args.length > 4 && args[4].equals("file-only");
        Path file = work.resolve("blob.bin");
        try {
            writeRandom(file, length);
            run(config, file, length, work, repeats, fileOnly);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(work);
        }
    }

    private static void run(EncodingConfig config, Path file, long length, Path work, int repeats, boolean fileOnly)
            throws IOException {
        FileBlobEncoder fileEncoder = new FileBlobEncoder(config);
        byte[] blob = fileOnly ? null : Files.readAllBytes(file);
        double[] fileMs = new double[repeats];
        double[] heapMs = new double[repeats];
        VerifiedMetadata fileMetadata = null;
        VerifiedMetadata heapMetadata = null;
        for (int i = 0; i <= repeats; i++) {
            long start = System.nanoTime();
            try (EncodedBlobFile encoded = fileEncoder.encode(file, 0, length, work)) {
                fileMetadata = encoded.metadata();
            }
            long middle = System.nanoTime();
            if (!fileOnly) {
                heapMetadata = new BlobEncoder(config).encode(blob).metadata();
            }
            long end = System.nanoTime();
            if (i > 0) {
                // Round 0 warms both up.
                fileMs[i - 1] = (middle - start) / 1e6;
                heapMs[i - 1] = (end - middle) / 1e6;
            }
        }
        double streamed = EncodeTimer.median(fileMs);
        double heap = EncodeTimer.median(heapMs);
        System.out.printf(Locale.ROOT, "n=%d bytes=%d kernel=%s file_ms=%.1f (%.1f MB/s, heap bound %d MB)%s%n",
            config.nShards(), length, GfKernels.defaultKernel().name(), streamed, length / streamed / 1e3,
            fileEncoder.heapBytes(length) >> 20, fileOnly ? "" : String.format(Locale.ROOT,
                " blob_encoder_ms=%.1f (%.1f MB/s) ratio=%.2f same_id=%b", heap, length / heap / 1e3, heap / streamed,
                heapMetadata.equals(fileMetadata)));
    }

    private static void writeRandom(Path file, long length) throws IOException {
        SplittableRandom random = new SplittableRandom(length);
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long done = 0; done < length; done += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, length - done));
            }
        }
    }
}
