package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.metadata.EncodingType;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Encodes a region of a file (a spooled upload, a chunk of a large file) with heap bounded by {@link #heapBytes},
 * not by the blob's size; the slivers go to a file of their own ({@link EncodedBlobFile}). The metadata, blob ID
 * and slivers are exactly {@link BlobEncoder}'s.
 *
 * <p>A blob whose whole encoding needs no more heap than the streamed way is encoded in memory by
 * {@link BlobEncoder}. A larger one is streamed: {@link StreamedExpansion} writes the expanded matrix to the file a
 * tile at a time and hashes each expanded row as its tile is done (symbols cut into stripes are hashed back from
 * the file afterwards, by {@link SliverFileHasher}).
 */
public final class FileBlobEncoder {
    /** Symbol bytes of n codewords a tile holds: a few of them are all the expansion keeps on the heap. */
    static final long DEFAULT_TILE_BYTES = 16L << 20;
    /** Room for the Reed-Solomon engine's per-thread buffers and the tiles' packed copies, per thread. */
    private static final long ENGINE_BYTES_PER_THREAD = 8L << 20;

    private final EncodingConfig config;
    private final GfKernel kernel;
    private final long tileBytes;
    private final boolean alwaysStreams;
    /** A blob whose in-memory encoding needs at most this heap is encoded in memory, even if streaming needs less. */
    private final long inMemoryUpTo;

    public FileBlobEncoder(EncodingConfig config) {
        this(config, GfKernels.defaultKernel(), DEFAULT_TILE_BYTES, false);
    }

    /**
     * For a process that has the heap to itself (`floe blob-id`): encodes in memory every blob whose in-memory
     * encoding needs at most {@code inMemoryHeapBytes} (a 32 MiB blob at n = 1000 took about 40% less CPU that way than
     * streamed through a scratch file), and follows the heap rule above for larger ones.
     */
    public static FileBlobEncoder inMemoryUpTo(EncodingConfig config, long inMemoryHeapBytes) {
        return new FileBlobEncoder(config, GfKernels.defaultKernel(), DEFAULT_TILE_BYTES, false, inMemoryHeapBytes);
    }

    /** With a chosen kernel and tile size; small blobs still take the in-memory way, as the heap rule says. */
    FileBlobEncoder(EncodingConfig config, GfKernel kernel, long tileBytes) {
        this(config, kernel, tileBytes, false);
    }

    /** Always taking the streamed way, even for blobs the heap rule would encode in memory (tests). */
    static FileBlobEncoder alwaysStreaming(EncodingConfig config, GfKernel kernel, long tileBytes) {
        return new FileBlobEncoder(config, kernel, tileBytes, true);
    }

    private FileBlobEncoder(EncodingConfig config, GfKernel kernel, long tileBytes, boolean alwaysStreams) {
        this(config, kernel, tileBytes, alwaysStreams, 0);
    }

    private FileBlobEncoder(EncodingConfig config, GfKernel kernel, long tileBytes, boolean alwaysStreams,
                            long inMemoryUpTo) {
        this.config = config;
        this.kernel = kernel;
        this.tileBytes = tileBytes;
        this.alwaysStreams = alwaysStreams;
        this.inMemoryUpTo = inMemoryUpTo;
    }

    /** Encodes bytes {@code [offset, offset + length)} of {@code file}; the slivers live under {@code workDir}. */
    public EncodedBlobFile encode(Path file, long offset, long length, Path workDir) throws IOException {
        int s = config.symbolSize(length);
        Path slivers = Files.createTempFile(workDir, "slivers-", ".bin");
        try {
            VerifiedMetadata metadata;
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(slivers, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                PositionalIo.Region region = new PositionalIo.Region(in, offset, length);
                metadata = streams(length)
                    ? stream(region, s, out, true)
                    : writeInMemory(region, s, out);
            }
            return new EncodedBlobFile(config, s, metadata, slivers);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(slivers);
            throw e;
        }
    }

    /**
     * Only the metadata (and so the blob ID) of the region, with any scratch file in the default temporary directory
     * ({@code java.io.tmpdir}); see {@link #computeMetadata(Path, long, long, Path)}.
     */
    public VerifiedMetadata computeMetadata(Path file, long offset, long length) throws IOException {
        return computeMetadata(file, offset, length, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Only the metadata (and so the blob ID) of the region. A blob too large to encode in memory needs a scratch
     * file under {@code workDir}, deleted before this returns: the recovery
     * rows, about twice the blob (with symbols over 16 KiB at n = 1000, cut into stripes, also the recovery columns
     * and corner: 3.5 times).
     */
    public VerifiedMetadata computeMetadata(Path file, long offset, long length, Path workDir) throws IOException {
        int s = config.symbolSize(length);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            PositionalIo.Region region = new PositionalIo.Region(in, offset, length);
            if (!streams(length)) {
                return new BlobEncoder(config, kernel).computeMetadata(readAll(region));
            }
            Path scratch = Files.createTempFile(workDir, "floe-metadata-", ".bin");
            try (FileChannel out = FileChannel.open(scratch, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                return stream(region, s, out, false);
            } finally {
                Files.deleteIfExists(scratch);
            }
        }
    }

    /** The most heap {@link #encode} or {@link #computeMetadata} uses for a blob of {@code length} bytes. */
    public long heapBytes(long length) {
        long inMemory = inMemoryBytes(length);
        return inMemory <= inMemoryUpTo ? inMemory : Math.min(inMemory, streamedBytes(length));
    }

    /** True when the streamed way needs less heap than encoding the blob in memory, unless the latter is allowed. */
    private boolean streams(long length) {
        long inMemory = inMemoryBytes(length);
        return alwaysStreams || inMemory > inMemoryUpTo && streamedBytes(length) < inMemory;
    }

    private long inMemoryBytes(long length) {
        return length + config.encodingMemoryBytes(length);
    }

    /**
     * Heap of the streamed way: a tile's sources, their packed copies and its recovery symbols (each at most n
     * pieces), plus the engine's per-thread buffers, plus the hasher's state and read buffers.
     */
    long streamedBytes(long length) {
        int s = config.symbolSize(length);
        int n = config.nShards();
        int threads = Runtime.getRuntime().availableProcessors();
        long tile = 3L * n * ExpansionTiling.plan(n, s, tileBytes).pieceBytes(s);
        return tile + threads * ENGINE_BYTES_PER_THREAD + SliverFileHasher.stateBytes(n, s, threads);
    }

    private VerifiedMetadata stream(PositionalIo.Region region, int s, FileChannel out, boolean keepSlivers)
            throws IOException {
        SliverFileLayout layout = SliverFileLayout.of(config, s);
        ExpansionTiling tiling = ExpansionTiling.plan(config.nShards(), s, tileBytes);
        BlobMetadata metadata = new BlobMetadata(EncodingType.RS2, region.length(),
            new StreamedExpansion(kernel, layout, tiling, region, out, keepSlivers).run());
        if (keepSlivers) {
            out.truncate(layout.sliverBytes());
        }
        BlobId id = metadata.computeBlobId();
        return new VerifiedMetadata(id, metadata);
    }

    /** A blob small enough for {@link BlobEncoder}: encoded on the heap, its slivers then written out. */
    private VerifiedMetadata writeInMemory(PositionalIo.Region region, int s, FileChannel out) throws IOException {
        EncodedBlob encoded = new BlobEncoder(config, kernel).encode(readAll(region));
        SliverFileLayout layout = SliverFileLayout.of(config, s);
        for (int i = 0; i < config.nShards(); i++) {
            byte[] primary = encoded.sliver(SliverType.PRIMARY, new SliverIndex(i)).data();
            byte[] secondary = encoded.sliver(SliverType.SECONDARY, new SliverIndex(i)).data();
            PositionalIo.writeFully(out, layout.primary(i), primary, 0, primary.length);
            PositionalIo.writeFully(out, layout.secondary(i), secondary, 0, secondary.length);
        }
        return encoded.metadata();
    }

    private static byte[] readAll(PositionalIo.Region region) throws IOException {
        byte[] blob = new byte[Math.toIntExact(region.length())];
        region.read(0, blob, 0, blob.length);
        return blob;
    }
}
