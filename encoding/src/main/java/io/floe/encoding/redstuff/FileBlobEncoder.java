package io.floe.encoding.redstuff;

import io.floe.encoding.metadata.VerifiedMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Encodes a region of a file (a spooled upload, a chunk of a large file) with heap bounded by {@link #heapBytes},
 * not by the blob's size; the slivers go to a file of their own ({@link EncodedBlobFile}). The metadata, blob ID
 * and slivers are exactly {@link BlobEncoder}'s.
 *
 * <p>CONTRACT STUB: this first version still reads the region into memory; the bounded version replaces the body
 * with the same signatures.
 */
public final class FileBlobEncoder {
    private final EncodingConfig config;

    public FileBlobEncoder(EncodingConfig config) {
        this.config = config;
    }

    /** Encodes bytes {@code [offset, offset + length)} of {@code file}; the slivers live under {@code workDir}. */
    public EncodedBlobFile encode(Path file, long offset, long length, Path workDir) throws IOException {
        return new EncodedBlobFile(new BlobEncoder(config).encode(read(file, offset, length)));
    }

    /** Only the metadata (and so the blob ID) of the region, nothing written. */
    public VerifiedMetadata computeMetadata(Path file, long offset, long length) throws IOException {
        return new BlobEncoder(config).computeMetadata(read(file, offset, length));
    }

    /** The most heap {@link #encode} or {@link #computeMetadata} uses for a blob of {@code length} bytes. */
    public long heapBytes(long length) {
        return length + config.encodingMemoryBytes(length);
    }

    private byte[] read(Path file, long offset, long length) throws IOException {
        config.symbolSize(length);
        byte[] blob = new byte[Math.toIntExact(length)];
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer target = ByteBuffer.wrap(blob);
            while (target.hasRemaining()) {
                if (in.read(target, offset + target.position()) < 0) {
                    throw new IOException(file + " ends before byte " + (offset + length));
                }
            }
        }
        return blob;
    }
}
