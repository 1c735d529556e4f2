package io.floe.api.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.json.Json;
import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.InconsistentBlobException;
import io.floe.protocol.committee.EpochCommittees;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * What a read of a blob ID serves (DESIGN-ADDENDA §14): an ordinary blob's bytes, or, when the blob is a chunk
 * manifest, the whole chunked stream it names. A blob small enough to be a manifest is read whole (it would be
 * anyway) and parsed; a larger blob is streamed ({@link BlobReader#stream}); a manifest's stream is its chunks' in
 * order, each fetched only when the one before it is done, so a range may start and end in any chunk.
 *
 * <p>Invariants: a chunk is read as an ordinary blob, never as a manifest (a stream has one level of chunks), and
 * only if its metadata says it is the length the layout gives it (else the read fails: a short body, never wrong
 * bytes); a manifest is recognised only at the network's shard count, so its chunk IDs are blobs of this network.
 */
final class BlobContents {
    /** A manifest names at most this many bytes' worth of chunk IDs (a 131,072-chunk stream): read whole to check. */
    private static final long MANIFEST_MAX_BYTES = 4L << 20;
    private static final int MANIFEST_CACHE_ENTRIES = 10_000;

    private final BlobReader reader;
    /** Manifests seen lately (a manifest's content never changes: its ID is its hash). */
    private final Map<BlobId, ChunkManifest> manifests = new ConcurrentHashMap<>();

    BlobContents(BlobReader reader) {
        this.reader = reader;
    }

    /** Bytes {@code [start, start + length)} of what is served, checked by the caller against its length. */
    interface Ranges {
        Source<ByteString, NotUsed> range(long start, long length);
    }

    /**
     * What a blob ID serves: its length, the manifest when it is a chunked stream's, and a source for any range.
     */
    record Content(long length, Optional<ChunkManifest> manifest, Ranges ranges) {
        Source<ByteString, NotUsed> range(long start, long count) {
            return ranges.range(start, count);
        }
    }

    /** Resolves what {@code id} serves; fails as a read does when its metadata (or a manifest) cannot be read. */
    CompletableFuture<Content> open(EpochCommittees epochs, BlobId id) {
        ChunkManifest known = manifests.get(id);
        if (known != null) {
            return CompletableFuture.completedFuture(chunked(epochs, known));
        }
        int n = epochs.current().nShards();
        return reader.metadataOfRead(epochs, id).thenCompose(metadata -> {
            long length = metadata.metadata().unencodedLength();
            if (length > reader.settings().wholeReadBytes() && !possibleManifest(n, length)) {
                return CompletableFuture.completedFuture(streamed(epochs, metadata));
            }
            return reader.read(epochs, metadata).thenApply(bytes -> parsed(n, bytes)
                    .map(manifest -> remembered(id, manifest))
                    .map(manifest -> chunked(epochs, manifest))
                    .orElseGet(() -> inMemory(bytes)));
        });
    }

    /** {@code GET /v1/blobs/{id}/chunks}: the shape {@link io.floe.api.ApiPaths#chunks} documents. */
    static JsonNode chunksJson(BlobId id, Content content) {
        ObjectNode out = Json.object().put("blobId", id.toString()).put("chunked", content.manifest().isPresent())
                .put("totalLength", content.length());
        content.manifest().ifPresent(manifest -> {
            ChunkLayout layout = manifest.layout();
            out.put("nShards", layout.nShards()).put("chunkSize", layout.chunkSize());
            var chunks = out.putArray("chunks");
            for (int i = 0; i < layout.chunkCount(); i++) {
                chunks.addObject().put("blobId", manifest.chunks().get(i).toString())
                        .put("offset", layout.offsetOf(i)).put("length", layout.lengthOf(i));
            }
        });
        return out;
    }

    /**
     * Whether a blob of {@code length} bytes can be a manifest at {@code n} shards: its header and a whole number of
     * at least two chunk IDs, and not beyond {@link #MANIFEST_MAX_BYTES}. {@link ChunkManifest#parse} decides.
     */
    static boolean possibleManifest(int n, long length) {
        // A zero-length stream's layout has one chunk: maxBytes is then the header and one ID.
        long header = ChunkManifest.maxBytes(n, 0) - BlobId.LENGTH;
        return length <= MANIFEST_MAX_BYTES && length >= header + 2L * BlobId.LENGTH
                && (length - header) % BlobId.LENGTH == 0;
    }

    private static Optional<ChunkManifest> parsed(int n, byte[] blob) {
        if (!ChunkManifest.hasMagic(blob)) {
            return Optional.empty();
        }
        return ChunkManifest.parse(blob).filter(m -> m.layout().nShards() == n);
    }

    private ChunkManifest remembered(BlobId id, ChunkManifest manifest) {
        if (manifests.size() >= MANIFEST_CACHE_ENTRIES) {
            manifests.clear();
        }
        manifests.put(id, manifest);
        return manifest;
    }

    private static Content inMemory(byte[] bytes) {
        return new Content(bytes.length, Optional.empty(),
                (start, length) -> Source.single(ByteString.fromArrayUnsafe(bytes, (int) start, (int) length)));
    }

    private Content streamed(EpochCommittees epochs, VerifiedMetadata metadata) {
        return new Content(metadata.metadata().unencodedLength(), Optional.empty(),
                (start, length) -> reader.stream(epochs, metadata, start, length));
    }

    private Content chunked(EpochCommittees epochs, ChunkManifest manifest) {
        return new Content(manifest.totalLength(), Optional.of(manifest),
                (start, length) -> chunkRange(epochs, manifest, start, length));
    }

    /** The chunks holding {@code [start, start + length)} of the stream, one after another, each its part. */
    private Source<ByteString, NotUsed> chunkRange(EpochCommittees epochs, ChunkManifest manifest, long start,
                                                   long length) {
        if (length == 0) {
            return Source.empty();
        }
        ChunkLayout layout = manifest.layout();
        int first = layout.chunkAt(start);
        int last = layout.chunkAt(start + length - 1);
        return Source.range(first, last).flatMapConcat(i -> {
            long offset = layout.offsetOf(i);
            long from = Math.max(start, offset);
            long to = Math.min(start + length, offset + layout.lengthOf(i));
            BlobId chunk = manifest.chunks().get(i);
            return Source.completionStage(reader.metadata(epochs, chunk)).flatMapConcat(metadata -> {
                checkChunk(manifest, i, metadata);
                return ordinary(epochs, metadata, from - offset, to - from);
            });
        });
    }

    private static void checkChunk(ChunkManifest manifest, int i, VerifiedMetadata metadata) {
        long expected = manifest.layout().lengthOf(i);
        if (metadata.metadata().unencodedLength() != expected) {
            throw new InconsistentBlobException("chunk " + i + " (" + metadata.blobId() + ") of a chunked blob is "
                    + metadata.metadata().unencodedLength() + " bytes, its manifest says " + expected);
        }
    }

    /** A range of an ordinary blob (a chunk): read whole when small, streamed otherwise. */
    private Source<ByteString, NotUsed> ordinary(EpochCommittees epochs, VerifiedMetadata metadata, long start,
                                                 long length) {
        if (metadata.metadata().unencodedLength() > reader.settings().wholeReadBytes()) {
            return reader.stream(epochs, metadata, start, length);
        }
        return Source.completionStage(reader.read(epochs, metadata))
                .map(bytes -> ByteString.fromArrayUnsafe(bytes, (int) start, (int) length));
    }
}
