package io.floe.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.cli.client.CliJson;
import io.floe.encoding.EncodingException;
import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.FileBlobEncoder;
import io.floe.encoding.redstuff.InvalidShardCountException;
import io.floe.encoding.rs.RsParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code floe blob-id FILE [--n-shards N] [--json]}: the Walrus blob ID of a file, computed locally exactly as
 * {@code walrus blob-id} does; for a file over RS2's limit at n, the ID of its chunk manifest ({@link FileBlobs}).
 * Everything that can be checked before reading the file (shard count, heap) is checked first, so a refusal is
 * immediate and never an {@link OutOfMemoryError}. The file is read region by region, never whole into memory.
 */
public final class BlobIdCommand implements Command {
    /** Walrus mainnet and testnet run 1000 shards; {@code walrus blob-id} assumes the network's count. */
    public static final int DEFAULT_N_SHARDS = 1000;

    private static final String N_SHARDS = "--n-shards";
    private static final String JSON = "--json";

    private final LongSupplier availableHeap;
    // The chunked note is not part of the answer: it goes to the run's stderr.
    private final Stderr stderr = new Stderr();

    public BlobIdCommand() {
        this(BlobIdCommand::availableHeapNow);
    }

    /** For tests: {@code availableHeap} says how many heap bytes the encoder may still use. */
    BlobIdCommand(LongSupplier availableHeap) {
        this.availableHeap = availableHeap;
    }

    @Override
    public String name() {
        return "blob-id";
    }

    @Override
    public String summary() {
        return "Compute the blob ID of a file (no network needed)";
    }

    @Override
    public String usage() {
        return """
            usage: floe blob-id FILE [--n-shards N] [--json]

            Encodes FILE with Red Stuff (Walrus RS2) for a network of N shards and prints its blob ID,
            the same ID `walrus blob-id` prints. The ID depends on the bytes and on N. A file larger
            than one blob can be at N (about 149 MB at 100 shards, 13.6 GiB at 1000) is stored in
            chunks plus a manifest (a Floe extension): its ID is the manifest's, and a line on
            stderr says so.

            The file is read region by region, never whole into memory. A file (or chunk) too large
            to encode in memory needs free disk for a scratch file of 2 to 3.5 times its size (for a
            chunked file, the largest chunk's), beside FILE when its directory is writable, else in
            java.io.tmpdir (set it with FLOE_JAVA_OPTS=-Djava.io.tmpdir=DIR); deleted when done.

            options:
              --n-shards N   number of shards of the network, %d to %d (default %d, as on Walrus)
              --json         print {"blobId","file","unencodedLength","nShards"} as JSON; a chunked
                             file adds "chunked":true,"chunkCount","chunkSize","chunks":[{"blobId",
                             "offset","length"},...]
              -h, --help     show this help

            exit codes: 0 success, 1 failure (file, size, memory), 2 bad command line
            """.formatted(EncodingConfig.MIN_SHARDS, EncodingConfig.MAX_SHARDS, DEFAULT_N_SHARDS);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return stderr.during(err, () -> Command.super.run(args, out, err));
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(N_SHARDS), Set.of(JSON));
        String file = parsed.singlePositional("FILE");
        int nShards = parsed.intValue(N_SHARDS, DEFAULT_N_SHARDS);
        FileBlobs blobs = compute(file, nShards);
        if (parsed.flag(JSON)) {
            ObjectNode json = CliJson.object().put("blobId", blobs.blobId().toString()).put("file", file)
                .put("unencodedLength", blobs.length()).put("nShards", nShards);
            out.println(CliJson.line(blobs.chunked() ? withChunks(json, blobs) : json));
        } else {
            out.println(blobs.blobId());
            if (blobs.chunked()) {
                // On stderr, so `$(floe blob-id FILE)` is still just the ID.
                stderr.get().println(chunkedNote(blobs));
            }
        }
    }

    /** The second line for a chunked file: the ID above is its manifest's, and how the file is cut. */
    static String chunkedNote(FileBlobs blobs) {
        return "(chunked: " + blobs.chunkCount() + " chunks of up to " + bytes(blobs.layout().chunkSize())
            + " at n = " + blobs.layout().nShards() + "; the ID is their manifest's)";
    }

    /** The JSON fields a chunked file adds: the chunk count and each chunk's blob ID, offset and length. */
    static ObjectNode withChunks(ObjectNode json, FileBlobs blobs) {
        json.put("chunked", true).put("chunkCount", blobs.chunkCount())
            .put("chunkSize", blobs.layout().chunkSize());
        ArrayNode chunks = json.putArray("chunks");
        for (FileBlobs.Chunk chunk : blobs.chunks()) {
            chunks.addObject().put("blobId", chunk.blobId().toString()).put("offset", chunk.offset())
                .put("length", chunk.length());
        }
        return json;
    }

    /**
     * {@code file}'s blobs for a network of {@code nShards}, with every check of this command done first (shard
     * count, heap), so the commands that sign a blob compute it exactly as {@code floe blob-id} does. A file over
     * RS2's limit at n is chunked (its ID is then the manifest's); no size is refused, and the file is read from
     * disk region by region, never whole into memory. A large blob's scratch file goes beside the file when its
     * directory is writable, else to {@code java.io.tmpdir} ({@link LocalFiles#scratchDir}).
     */
    FileBlobs compute(String file, int nShards) {
        EncodingConfig config = config(nShards);
        BlobEncoder encoder = encoder(config);
        // The process has the heap to itself: a blob whose in-memory encoding takes at most half of what is free is
        // encoded in memory, faster than streamed through a scratch file.
        FileBlobEncoder fileEncoder = FileBlobEncoder.inMemoryUpTo(config, availableHeap.getAsLong() / 2);
        Path path = LocalFiles.readableFile(file);
        long size = size(path, file);
        refuseEarly(size, config, fileEncoder);
        try {
            return FileBlobs.compute(path, size, nShards, LocalFiles.scratchDir(path), fileEncoder, encoder);
        } catch (IOException e) {
            throw new CommandFailedException("cannot read " + file + ": " + reason(e));
        } catch (EncodingException e) {
            // A file that grew or shrank between the size check and the read lands here.
            throw new CommandFailedException(file + " changed while it was read: " + e.getMessage());
        }
    }

    /** The shard count in range and supported by both one-dimensional codes (large n exceed GF(2^16)). */
    private static EncodingConfig config(int nShards) {
        EncodingConfig config;
        try {
            config = new EncodingConfig(nShards);
        } catch (InvalidShardCountException e) {
            throw new UsageException(N_SHARDS + ": " + e.getMessage());
        }
        // EncodingConfig's range already excludes the shapes the GF(2^16) code refuses; checking both code shapes
        // here too means a change to either side is reported as a usage error, before any file is read.
        int n = config.nShards();
        try {
            new RsParameters(config.primarySourceSymbols(), n - config.primarySourceSymbols(), 2);
            new RsParameters(config.secondarySourceSymbols(), n - config.secondarySourceSymbols(), 2);
        } catch (EncodingException e) {
            throw new UsageException(N_SHARDS + " " + n + " is beyond the GF(2^16) code: " + e.getMessage());
        }
        return config;
    }

    // The kernel is chosen in a static initialiser from -Dfloe.gf.kernel; a bad setting surfaces here, once.
    private static BlobEncoder encoder(EncodingConfig config) {
        try {
            return new BlobEncoder(config);
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            while (cause instanceof ExceptionInInitializerError && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new CommandFailedException("cannot set up the GF(2^16) kernel: " + cause.getMessage());
        }
    }

    /** Refuses, before reading, a file whose largest chunk (the file itself when it fits) the heap cannot encode. */
    private void refuseEarly(long size, EncodingConfig config, FileBlobEncoder fileEncoder) {
        ChunkLayout layout = new ChunkLayout(config.nShards(), size);
        long largest = layout.lengthOf(0);
        long needed = fileEncoder.heapBytes(largest);
        long available = availableHeap.getAsLong();
        if (needed > available) {
            throw new CommandFailedException("not enough memory: encoding " + (layout.chunked() ? "a chunk" : "a blob")
                + " of " + bytes(largest) + " with " + config.nShards() + " shards needs about " + bytes(needed)
                + " of heap, " + bytes(Math.max(0, available)) + " is available; raise it with FLOE_JAVA_OPTS=-Xmx"
                + suggestedHeapGiB(needed) + "g");
        }
    }

    private static long size(Path path, String file) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new CommandFailedException("cannot read " + file + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static long availableHeapNow() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    // What is already in use plus what the blob needs, rounded up, with a GiB to spare.
    private static long suggestedHeapGiB(long needed) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        return ((used + needed + (1L << 30) - 1) >> 30) + 1;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
