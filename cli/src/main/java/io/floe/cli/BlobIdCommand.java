package io.floe.cli;

import io.floe.cli.client.CliJson;
import io.floe.encoding.EncodingException;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
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
 * {@code walrus blob-id} does. Everything that can be checked before reading the file (shard count, size limits,
 * heap) is checked first, so a refusal is immediate and never an {@link OutOfMemoryError}.
 */
public final class BlobIdCommand implements Command {
    /** Walrus mainnet and testnet run 1000 shards; {@code walrus blob-id} assumes the network's count. */
    public static final int DEFAULT_N_SHARDS = 1000;
    /** Largest byte[] the JVM will allocate: blobs are held in memory whole. */
    static final long MAX_IN_MEMORY_BLOB = Integer.MAX_VALUE - 8;

    private static final String N_SHARDS = "--n-shards";
    private static final String JSON = "--json";

    private final LongSupplier availableHeap;

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
            the same ID `walrus blob-id` prints. The ID depends on the bytes and on N.

            options:
              --n-shards N   number of shards of the network, %d to %d (default %d, as on Walrus)
              --json         print {"blobId","file","unencodedLength","nShards"} as JSON
              -h, --help     show this help

            exit codes: 0 success, 1 failure (file, size, memory), 2 bad command line
            """.formatted(EncodingConfig.MIN_SHARDS, EncodingConfig.MAX_SHARDS, DEFAULT_N_SHARDS);
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(N_SHARDS), Set.of(JSON));
        String file = parsed.singlePositional("FILE");
        int nShards = parsed.intValue(N_SHARDS, DEFAULT_N_SHARDS);
        LocalBlob blob = compute(file, nShards);
        if (parsed.flag(JSON)) {
            out.println(CliJson.line(CliJson.object().put("blobId", blob.blobId().toString()).put("file", file)
                .put("unencodedLength", blob.unencodedLength()).put("nShards", nShards)));
        } else {
            out.println(blob.blobId());
        }
    }

    /** A file's blob ID and length, as a network of {@code nShards} shards computes them. */
    record LocalBlob(BlobId blobId, long unencodedLength) {
    }

    /**
     * {@code file}'s blob ID for a network of {@code nShards}, with every check of this command done first (shard
     * count, size limits, heap), so the commands that sign a blob compute it exactly as {@code floe blob-id} does.
     */
    LocalBlob compute(String file, int nShards) {
        EncodingConfig config = config(nShards);
        BlobEncoder encoder = encoder(config);
        Path path = LocalFiles.readableFile(file);
        refuseEarly(path, file, config);
        byte[] blob = read(path, file);
        return new LocalBlob(BlobId.parse(blobId(encoder, blob)), blob.length);
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

    /** Every refusal of a readable file that needs no reading: too large for n, for a byte[], for the heap. */
    private void refuseEarly(Path path, String file, EncodingConfig config) {
        long size = size(path, file);
        try {
            config.symbolSize(size);
        } catch (EncodingException e) {
            throw new CommandFailedException(e.getMessage());
        }
        if (size > MAX_IN_MEMORY_BLOB) {
            throw new CommandFailedException(file + " is " + size + " bytes; floe holds a blob in memory and"
                + " takes at most " + MAX_IN_MEMORY_BLOB + " bytes (2 GiB)");
        }
        long needed = size + config.encodingMemoryBytes(size);
        long available = availableHeap.getAsLong();
        if (needed > available) {
            throw new CommandFailedException("not enough memory: encoding a blob of " + bytes(size) + " with "
                + config.nShards() + " shards needs about " + bytes(needed) + " of heap, " + bytes(Math.max(0, available))
                + " is available; raise it with FLOE_JAVA_OPTS=-Xmx" + suggestedHeapGiB(needed) + "g");
        }
    }

    private static long size(Path path, String file) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new CommandFailedException("cannot read " + file + ": " + reason(e));
        }
    }

    private static byte[] read(Path path, String file) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CommandFailedException("cannot read " + file + ": " + reason(e));
        }
    }

    private static String blobId(BlobEncoder encoder, byte[] blob) {
        try {
            return encoder.computeMetadata(blob).blobId().toString();
        } catch (EncodingException e) {
            // A file that grew between the size check and the read lands here as "blob too large".
            throw new CommandFailedException(e.getMessage());
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
