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
import java.util.concurrent.CompletionStage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * What a read of a blob ID serves (DESIGN-ADDENDA §14): an ordinary blob's bytes, or, when the blob is a chunk
 * manifest, the whole chunked stream it names. Opening one costs its metadata, and only for a length a manifest can
 * have, its first sliver (the magic) and then, if it has the magic, the whole (small) manifest; no other byte is
 * fetched until a range is run. A blob up to {@code whole-read-size} is then read whole, a larger one streamed
 * ({@link BlobReader#stream}); a manifest's stream is its chunks' in order, each fetched only when the one before it
 * is done, so a range may start and end in any chunk. Every range reserves its heap from the {@link ReadBudget} when
 * it is run, once for all the chunks it spans.
 *
 * <p>Invariants: a chunk is read as an ordinary blob, never as a manifest (a stream has one level of chunks), only if
 * it is readable now as any blob served alone must be (certified, not invalid, deleted or expired) and only if its
 * metadata says it is the length the layout gives it (else the read fails: a short body, never wrong bytes); a
 * manifest is recognised only at the network's shard count, so its chunk IDs are blobs of this network.
 */
final class BlobContents {
    /** A manifest names at most this many bytes' worth of chunk IDs (a 131,072-chunk stream): read whole to check. */
    private static final long MANIFEST_MAX_BYTES = 4L << 20;
    /**
     * Blobs up to this size are answered with a strict entity, their bytes at once, not a stream: materializing a
     * stream and streaming the answer cost more than reading a small blob. Their heap leaves the read budget when the
     * read completes, before the answer is written, which this bound keeps small (64 KiB per open request at most).
     */
    static final long STRICT_BYTES = 64L << 10;
    /** Chunk IDs the manifest cache keeps in all (about 70 bytes of heap each). */
    private static final long MANIFEST_CACHE_CHUNKS = 1L << 18;

    private final BlobReader reader;
    private final ReadBudget budget;
    /** Completes when a blob is readable now (the check a read of it alone passes), reading no bytes. */
    private final Function<BlobId, CompletionStage<?>> readable;
    private final Materializer materializer;
    private final BlobIdCache<ChunkManifest> manifests = new BlobIdCache<>(MANIFEST_CACHE_CHUNKS,
            manifest -> manifest.chunks().size());

    BlobContents(BlobReader reader, Function<BlobId, CompletionStage<?>> readable, Materializer materializer) {
        this.reader = reader;
        this.budget = reader.budget();
        this.readable = readable;
        this.materializer = materializer;
    }

    /** Bytes {@code [start, start + length)} of what is served, checked by the caller against its length. */
    interface Ranges {
        Source<ByteString, NotUsed> range(long start, long length);
    }

    /** Bytes {@code [start, start + length)} of a small blob at once, checked by the caller against its length. */
    interface Strict {
        CompletableFuture<ByteString> range(long start, long length);
    }

    /**
     * What a blob ID serves: its length, the manifest when it is a chunked stream's, a source for any range, and for
     * a blob of at most {@link #STRICT_BYTES} its bytes at once.
     */
    record Content(long length, Optional<ChunkManifest> manifest, Ranges ranges, Optional<Strict> strict) {
        Content(long length, Optional<ChunkManifest> manifest, Ranges ranges) {
            this(length, manifest, ranges, Optional.empty());
        }

        Source<ByteString, NotUsed> range(long start, long count) {
            return count == 0 ? Source.empty() : ranges.range(start, count);
        }

        /** The range's bytes at once when the blob is small (an answer with a strict entity); else empty. */
        Optional<CompletableFuture<ByteString>> strictRange(long start, long count) {
            return count == 0 ? Optional.empty() : strict.map(s -> s.range(start, count));
        }
    }

    /**
     * Resolves what {@code id} serves once {@code readable} (the blob's certification check) completes, failing as it
     * does first when it fails, and as a read does when its metadata (or a manifest) cannot be read. The first node's
     * metadata request runs meanwhile, so the check's round trip and the metadata's overlap; no other node is asked,
     * and nothing else fetched, before the check passes.
     */
    CompletableFuture<Content> open(EpochCommittees epochs, BlobId id, CompletionStage<?> readable) {
        Optional<ChunkManifest> known = manifests.get(id);
        if (known.isPresent()) {
            return readable.toCompletableFuture().thenApply(ok -> chunked(epochs, known.get()));
        }
        int n = epochs.current().nShards();
        CompletableFuture<VerifiedMetadata> fetched = reader.metadata(epochs, id, readable);
        return readable.toCompletableFuture().thenCompose(ok -> reader.countedFailure(fetched)).thenCompose(metadata -> {
            if (!possibleManifest(n, metadata.metadata().unencodedLength())) {
                return CompletableFuture.completedFuture(ordinary(epochs, metadata));
            }
            return manifestOf(epochs, metadata).thenApply(manifest -> manifest
                    .map(m -> remembered(id, m))
                    .map(m -> chunked(epochs, m))
                    .orElseGet(() -> ordinary(epochs, metadata)));
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

    /**
     * The manifest a blob of a manifest's possible length is: its header (in its first sliver) is looked at first,
     * and only a blob with the magic is read whole and parsed.
     */
    private CompletableFuture<Optional<ChunkManifest>> manifestOf(EpochCommittees epochs, VerifiedMetadata metadata) {
        int n = epochs.current().nShards();
        long header = ChunkManifest.maxBytes(n, 0) - BlobId.LENGTH;
        long rowBytes = SliverStream.rowBytes(metadata);
        BlobReader.Hold hold = reader.streamHold(rowBytes, header);
        Source<ByteString, NotUsed> prefix = budget.stream(hold.least(), hold.least(),
                held -> reader.uncounted(epochs, metadata, 0, header, held));
        return prefix.runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat), materializer)
                .toCompletableFuture().thenCompose(first -> !ChunkManifest.hasMagic(first.toArray())
                        ? CompletableFuture.completedFuture(Optional.<ChunkManifest>empty())
                        : budget.whole(BlobReader.wholeHold(metadata), () -> reader.read(epochs, metadata))
                                .thenApply(bytes -> parsed(n, bytes)));
    }

    private static Optional<ChunkManifest> parsed(int n, byte[] blob) {
        if (!ChunkManifest.hasMagic(blob)) {
            return Optional.empty();
        }
        return ChunkManifest.parse(blob).filter(m -> m.layout().nShards() == n);
    }

    private ChunkManifest remembered(BlobId id, ChunkManifest manifest) {
        manifests.put(id, manifest);
        return manifest;
    }

    /**
     * An ordinary blob: a range of one up to {@code whole-read-size} is read whole, a larger one streamed; one up to
     * {@link #STRICT_BYTES} is also offered at once, for an answer without a stream.
     */
    private Content ordinary(EpochCommittees epochs, VerifiedMetadata metadata) {
        long length = metadata.metadata().unencodedLength();
        if (length <= reader.settings().wholeReadBytes()) {
            long hold = BlobReader.wholeHold(metadata);
            Ranges ranges = (start, count) -> budget.stream(hold, hold,
                    held -> Source.completionStage(reader.read(epochs, metadata))
                            .map(bytes -> ByteString.fromArrayUnsafe(bytes, (int) start, (int) count)));
            Optional<Strict> strict = length > STRICT_BYTES ? Optional.empty()
                    : Optional.of((start, count) -> budget.whole(hold, () -> reader.read(epochs, metadata))
                            .thenApply(bytes -> ByteString.fromArrayUnsafe(bytes, (int) start, (int) count)));
            return new Content(length, Optional.empty(), ranges, strict);
        }
        return new Content(length, Optional.empty(), (start, count) -> {
            BlobReader.Hold hold = reader.streamHold(SliverStream.rowBytes(metadata), count);
            return budget.stream(hold.least(), hold.wanted(),
                    held -> reader.stream(epochs, metadata, start, count, held));
        });
    }

    private Content chunked(EpochCommittees epochs, ChunkManifest manifest) {
        ChunkLayout layout = manifest.layout();
        // Every chunk but the last is chunkSize long: its slivers are the largest a chunk's stream holds.
        long rowBytes = SliverStream.rowBytes(layout.nShards(), layout.chunkSize());
        return new Content(manifest.totalLength(), Optional.of(manifest), (start, count) -> {
            BlobReader.Hold hold = reader.streamHold(rowBytes, count);
            return budget.stream(hold.least(), hold.wanted(),
                    held -> chunkRange(epochs, manifest, start, count, held));
        });
    }

    /**
     * The chunks holding {@code [start, start + length)} of the stream, one after another, each its part once it is
     * known readable and the length its manifest says.
     */
    private Source<ByteString, NotUsed> chunkRange(EpochCommittees epochs, ChunkManifest manifest, long start,
                                                   long length, long held) {
        ChunkLayout layout = manifest.layout();
        int first = layout.chunkAt(start);
        int last = layout.chunkAt(start + length - 1);
        return Source.range(first, last).flatMapConcat(i -> {
            long offset = layout.offsetOf(i);
            long from = Math.max(start, offset);
            long to = Math.min(start + length, offset + layout.lengthOf(i));
            BlobId chunk = manifest.chunks().get(i);
            CompletionStage<VerifiedMetadata> checked = readable.apply(chunk)
                    .thenCompose(ok -> reader.metadata(epochs, chunk))
                    .thenApply(metadata -> checkChunk(manifest, i, metadata));
            return Source.completionStage(checked)
                    .flatMapConcat(metadata -> reader.stream(epochs, metadata, from - offset, to - from, held));
        });
    }

    private static VerifiedMetadata checkChunk(ChunkManifest manifest, int i, VerifiedMetadata metadata) {
        long expected = manifest.layout().lengthOf(i);
        if (metadata.metadata().unencodedLength() != expected) {
            throw new InconsistentBlobException("chunk " + i + " (" + metadata.blobId() + ") of a chunked blob is "
                    + metadata.metadata().unencodedLength() + " bytes, its manifest says " + expected);
        }
        return metadata;
    }
}
