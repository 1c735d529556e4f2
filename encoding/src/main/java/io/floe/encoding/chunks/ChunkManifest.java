package io.floe.encoding.chunks;

import io.floe.encoding.metadata.BlobId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The manifest of a chunked stream (a Floe extension, DESIGN-ADDENDA §14): itself stored as an ordinary blob whose
 * blob ID names the whole stream. Layout, little-endian: the 16 ASCII bytes {@code floe-chunked-v1\n}, u16 shard
 * count, u64 total length, u32 chunk count, then each chunk's 32-byte blob ID in stream order. Chunk sizes follow
 * from {@link ChunkLayout}; a manifest whose length, count or total does not match it (or whose total would fit one
 * blob) is not a manifest, so an ordinary blob that happens to start with the magic is read as the bytes it is.
 */
public record ChunkManifest(ChunkLayout layout, List<BlobId> chunks) {
    private static final byte[] MAGIC = "floe-chunked-v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 2 + 8 + 4;

    public ChunkManifest {
        chunks = List.copyOf(chunks);
        if (!layout.chunked()) {
            throw new IllegalArgumentException(layout.totalLength() + " bytes fit one blob at n = "
                    + layout.nShards() + "; only larger streams are chunked");
        }
        if (chunks.size() != layout.chunkCount()) {
            throw new IllegalArgumentException(chunks.size() + " chunk IDs, the layout has " + layout.chunkCount());
        }
    }

    public long totalLength() {
        return layout.totalLength();
    }

    /** The manifest's bytes, the blob that is stored for it. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(HEADER + BlobId.LENGTH * chunks.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) layout.nShards()).putLong(layout.totalLength()).putInt(chunks.size());
        chunks.forEach(id -> out.put(id.bytes()));
        return out.array();
    }

    /** Whether a blob's first bytes (at least 16 of them) start like a manifest; {@link #parse} decides. */
    public static boolean hasMagic(byte[] prefix) {
        return prefix.length >= MAGIC.length && Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Largest manifest a network of {@code nShards} can have for streams up to {@code maxTotal} bytes. */
    public static long maxBytes(int nShards, long maxTotal) {
        return HEADER + (long) BlobId.LENGTH * ChunkLayout.chunkCountOf(nShards, maxTotal);
    }

    /**
     * The manifest a blob holds, or empty when the blob is not one (wrong magic, size, count or total). Never throws:
     * the blob is untrusted (anyone can store bytes that start with the magic), so every size in the header is
     * checked in long arithmetic before a {@link ChunkLayout} is built from it.
     */
    public static Optional<ChunkManifest> parse(byte[] blob) {
        if (blob.length < HEADER || !hasMagic(blob)) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).position(MAGIC.length);
        int n = Short.toUnsignedInt(in.getShort());
        long total = in.getLong();
        long count = Integer.toUnsignedLong(in.getInt());
        if (!headerMatches(blob.length, n, total, count)) {
            return Optional.empty();
        }
        List<BlobId> ids = new ArrayList<>((int) count);
        byte[] id = new byte[BlobId.LENGTH];
        for (long i = 0; i < count; i++) {
            in.get(id);
            ids.add(BlobId.of(id));
        }
        return Optional.of(new ChunkManifest(new ChunkLayout(n, total), ids));
    }

    /** Whether a header's sizes describe a chunked layout with exactly {@code count} IDs filling the blob. */
    private static boolean headerMatches(int blobLength, int n, long total, long count) {
        // count < 2^32, so the product stays far inside a long.
        if (blobLength != HEADER + BlobId.LENGTH * count || !ChunkLayout.fits(n, total)) {
            return false;
        }
        return ChunkLayout.needsChunks(n, total) && ChunkLayout.chunkCountOf(n, total) == count;
    }
}
