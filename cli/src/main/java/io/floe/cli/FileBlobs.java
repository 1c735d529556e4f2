package io.floe.cli;

import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.FileBlobEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The blobs a local file is stored as on a network of n shards (DESIGN-ADDENDA §14): one blob when the file fits
 * RS2's limit at n, with the ID {@code walrus blob-id} prints; else one blob per {@link ChunkLayout} chunk plus the
 * {@link ChunkManifest} blob, whose ID names the whole file. Invariant: {@code chunkIds} has one ID per chunk of
 * {@code layout} in file order, {@code manifest} is present exactly when the layout is chunked, and {@code blobId}
 * is then the manifest's ID, else the one chunk's.
 */
record FileBlobs(Path path, ChunkLayout layout, List<BlobId> chunkIds, Optional<ChunkManifest> manifest,
        BlobId blobId) {
    FileBlobs {
        chunkIds = List.copyOf(chunkIds);
        if (chunkIds.size() != layout.chunkCount() || manifest.isPresent() != layout.chunked()) {
            throw new IllegalArgumentException(chunkIds.size() + " chunk IDs for " + layout);
        }
    }

    /**
     * Computes the IDs of {@code path}'s {@code length} bytes: each chunk's with {@code fileEncoder} straight from
     * its region of the file (never the whole file in memory), the manifest's with {@code encoder} (it is small). A
     * chunk too large to encode in memory needs a scratch file under {@code workDir}, 2 to 3.5 times the chunk,
     * deleted before its ID is returned ({@link FileBlobEncoder#computeMetadata(Path, long, long, Path)}).
     */
    static FileBlobs compute(Path path, long length, int nShards, Path workDir, FileBlobEncoder fileEncoder,
            BlobEncoder encoder) throws IOException {
        ChunkLayout layout = new ChunkLayout(nShards, length);
        List<BlobId> ids = new ArrayList<>(layout.chunkCount());
        for (int i = 0; i < layout.chunkCount(); i++) {
            ids.add(fileEncoder.computeMetadata(path, layout.offsetOf(i), layout.lengthOf(i), workDir).blobId());
        }
        if (!layout.chunked()) {
            return new FileBlobs(path, layout, ids, Optional.empty(), ids.get(0));
        }
        ChunkManifest manifest = new ChunkManifest(layout, ids);
        BlobId manifestId = encoder.computeMetadata(manifest.toBytes()).blobId();
        return new FileBlobs(path, layout, ids, Optional.of(manifest), manifestId);
    }

    /** The file's length (the whole stream's, for a chunked file). */
    long length() {
        return layout.totalLength();
    }

    boolean chunked() {
        return layout.chunked();
    }

    int chunkCount() {
        return layout.chunkCount();
    }

    /** The manifest blob's bytes; only for a chunked file. */
    byte[] manifestBytes() {
        return manifest.orElseThrow(() -> new IllegalStateException(path + " is not chunked")).toBytes();
    }

    /** Chunk {@code i}'s ID, offset and length in the file. */
    Chunk chunk(int i) {
        return new Chunk(i, chunkIds.get(i), layout.offsetOf(i), layout.lengthOf(i));
    }

    /** The chunks in file order (one, the whole file, when it is not chunked). */
    List<Chunk> chunks() {
        List<Chunk> chunks = new ArrayList<>(chunkCount());
        for (int i = 0; i < chunkCount(); i++) {
            chunks.add(chunk(i));
        }
        return chunks;
    }

    /** One chunk of the file: bytes {@code [offset, offset + length)}, stored as blob {@code blobId}. */
    record Chunk(int index, BlobId blobId, long offset, long length) {
        /** "bytes A to B" (inclusive, as people count), for messages. */
        String bytes() {
            return "bytes " + offset + " to " + (offset + Math.max(length, 1) - 1);
        }
    }
}
