package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.api.json.ApiSuccess;
import io.floe.api.json.StoredOnNodeStatus;
import io.floe.encoding.EncodingException;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverVerifier;
import io.floe.protocol.committee.EpochCommittees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/blobs/{id}/slivers/{pair}/{type}[/status]}. A sliver is stored only on its shard's owner in the current
 * committee (or where the shard's entity runs), after the blob's metadata, and only when it re-encodes to the hash the
 * metadata holds: a refused sliver leaves nothing behind. It is served by a node that stores it and holds its shard
 * in the current or previous committee (or runs the shard's entity). The rules are {@link ShardPlacement}'s.
 * Verification and store calls run on the blocking executor, never on the HTTP dispatcher.
 */
final class SliverEndpoints {
    static final String METADATA_NOT_STORED = "METADATA_NOT_STORED";
    static final String MALFORMED_SLIVER = "MALFORMED_SLIVER";
    static final String SLIVER_INDEX_MISMATCH = "SLIVER_INDEX_MISMATCH";
    static final String INVALID_SLIVER = "INVALID_SLIVER";
    static final String SLIVER_NOT_FOUND = "SLIVER_NOT_FOUND";
    private static final Logger LOG = LoggerFactory.getLogger(SliverEndpoints.class);

    private final NodeBackend backend;
    private final Executor blocking;
    private final SeenRegistrations registrations;
    private final PendingUploads pending;

    SliverEndpoints(NodeBackend backend, Executor blocking, SeenRegistrations registrations, PendingUploads pending) {
        this.backend = backend;
        this.blocking = blocking;
        this.registrations = registrations;
        this.pending = pending;
    }

    /**
     * Body: BCS {@code SliverData}. Checks run in the order the class comment gives, cheapest first; a sliver stored
     * before answers 200 without being verified again (as Walrus's {@code prepare_sliver_for_storage}). With only
     * buffered metadata (a {@code ?pending=true} upload) the sliver is verified, then buffered with
     * {@code ?pending=true}, else stored with the buffered upload once the registration passes: a 2xx without
     * {@code ?pending=true} always means the sliver is in the store.
     */
    CompletionStage<HttpResponse> put(BlobId blobId, SliverPairIndex pair, SliverType type, byte[] body,
                                      boolean pendingIntent) {
        return CompletableFuture.supplyAsync(() -> {
            EpochCommittees epochs = backend.epochs();
            ShardPlacement.checkWritable(backend, epochs, ShardPlacement.shardOf(blobId, pair, nShards(epochs)), pair);
            // Stored metadata, else buffered metadata of a pending upload, else 409 before the body is parsed.
            InconsistencyEndpoint.refuseIfInvalid(backend, blobId);
            Optional<VerifiedMetadata> stored = backend.metadata(blobId);
            Optional<VerifiedMetadata> buffered = stored.isPresent() ? Optional.empty() : pending.metadata(blobId);
            VerifiedMetadata metadata = stored.or(() -> buffered).orElseGet(() -> storedMetadata(blobId));
            Sliver sliver = parse(type, body);
            checkIndex(sliver, pair, nShards(epochs));
            if (stored.isPresent()) {
                return CompletableFuture.completedFuture(store(blobId, pair, sliver, metadata));
            }
            verify(metadata, sliver);
            return pendingIntent ? buffer(blobId, pair, sliver) : storeOnceRegistered(blobId, pair, sliver);
        }, blocking).thenCompose(newly -> newly).thenApply(newly -> StoreAnswer.SLIVER.of(newly, pendingIntent));
    }

    /**
     * A pending sliver: buffered, then the registration checked again, as Walrus's {@code store_sliver} does, since
     * the blob may have been registered meanwhile and nothing else would write the buffer soon. True when newly
     * buffered (or, when flushed meanwhile, newly stored).
     */
    private CompletionStage<Boolean> buffer(BlobId blobId, SliverPairIndex pair, Sliver sliver) {
        PendingUploads.Buffered result = pending.putSliver(blobId, pair, sliver);
        if (result == PendingUploads.Buffered.GONE) {
            // Flushed between the two calls: the metadata is in the store now.
            return CompletableFuture.completedFuture(storeVerified(blobId, pair, sliver));
        }
        return pending.flushIfRegistered(backend, registrations, blobId, blocking)
                .thenApply(flushed -> result == PendingUploads.Buffered.NEW);
    }

    /**
     * A sliver sent without {@code ?pending=true} whose metadata is only buffered: Walrus's NOT_REGISTERED unless the
     * blob is registered, and then stored together with the buffered upload, never left in memory. True when newly
     * stored.
     */
    private CompletionStage<Boolean> storeOnceRegistered(BlobId blobId, SliverPairIndex pair, Sliver sliver) {
        return registrations.active(blobId, true).thenApplyAsync(registered -> {
            pending.flush(backend, blobId);
            return storeVerified(blobId, pair, sliver);
        }, blocking);
    }

    /**
     * Body: a {@link SliverBatch}. Every sliver is checked as a single PUT would check it before any is stored, so a
     * batch with one bad sliver stores nothing.
     */
    CompletionStage<HttpResponse> putBatch(BlobId blobId, byte[] body) {
        return CompletableFuture.supplyAsync(() -> {
            EpochCommittees epochs = backend.epochs();
            VerifiedMetadata metadata = storedMetadata(blobId);
            List<SliverBatch.Entry> entries = parseBatch(body);
            for (SliverBatch.Entry e : entries) {
                accept(epochs, metadata, e.pair(), e.sliver());
            }
            return storeBatch(blobId, entries);
        }, blocking);
    }

    /**
     * A batch of a {@link UploadEndpoint#hold held upload}: with stored metadata exactly {@link #putBatch}; with
     * metadata only buffered, every sliver checked against it as {@link #putBatch} checks, then buffered until the
     * registration passes (202). A sliver whose buffer was flushed meanwhile is stored, as a pending PUT does.
     */
    CompletionStage<HttpResponse> holdBatch(BlobId blobId, byte[] body) {
        return CompletableFuture.supplyAsync(() -> {
            EpochCommittees epochs = backend.epochs();
            InconsistencyEndpoint.refuseIfInvalid(backend, blobId);
            Optional<VerifiedMetadata> buffered = backend.metadata(blobId).isPresent() ? Optional.empty()
                    : pending.metadata(blobId);
            VerifiedMetadata metadata = buffered.orElseGet(() -> storedMetadata(blobId));
            List<SliverBatch.Entry> entries = parseBatch(body);
            for (SliverBatch.Entry e : entries) {
                accept(epochs, metadata, e.pair(), e.sliver());
            }
            if (buffered.isEmpty()) {
                return storeBatch(blobId, entries);
            }
            for (SliverBatch.Entry e : entries) {
                if (pending.putSliver(blobId, e.pair(), e.sliver()) == PendingUploads.Buffered.GONE) {
                    storeVerified(blobId, e.pair(), e.sliver());
                }
            }
            return ApiSuccess.response(202, entries.size() + " slivers buffered pending registration");
        }, blocking);
    }

    /** Stores the batch's verified slivers not stored before, in one write: 201 when any was new, else 200. */
    private HttpResponse storeBatch(BlobId blobId, List<SliverBatch.Entry> entries) {
        List<SliverBatch.Entry> fresh = entries.stream()
                .filter(e -> !backend.hasSliver(blobId, e.sliver().type(), e.pair())).toList();
        if (!fresh.isEmpty()) {
            backend.storeSlivers(blobId, fresh);
            LOG.debug("stored {} slivers of blob {}", fresh.size(), blobId);
        }
        // As a single PUT: 201 when something was newly stored, 200 when all of it was stored before.
        return !fresh.isEmpty() ? ApiSuccess.response(201, entries.size() + " slivers stored successfully")
                : ApiSuccess.response(entries.size() + " slivers already stored");
    }

    /**
     * The stored slivers of {@code type} among {@code pairs}, as a {@link SliverBatch}; absent ones are left out. The
     * whole batch is refused if one pair's shard is not readable here.
     */
    CompletionStage<HttpResponse> getBatch(BlobId blobId, SliverType type, List<SliverPairIndex> pairs) {
        return CompletableFuture.supplyAsync(() -> {
            InconsistencyEndpoint.refuseIfInvalid(backend, blobId);
            EpochCommittees epochs = backend.epochs();
            List<SliverBatch.Entry> found = new ArrayList<>();
            for (SliverPairIndex pair : pairs) {
                ShardPlacement.checkReadable(backend, epochs, shardOf(blobId, pair, epochs), pair);
                backend.sliver(blobId, type, pair).ifPresent(s -> found.add(new SliverBatch.Entry(pair, s)));
            }
            return HttpResponse.create()
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, SliverBatch.encode(found)));
        }, blocking);
    }

    private VerifiedMetadata storedMetadata(BlobId blobId) {
        // Slivers of an invalid blob are dropped on every node; a late upload must not bring them back.
        InconsistencyEndpoint.refuseIfInvalid(backend, blobId);
        return backend.metadata(blobId).orElseThrow(() -> ApiException.conflict(
                METADATA_NOT_STORED, "store the metadata of blob " + blobId + " on this node before its slivers"));
    }

    /** Refuses a sliver this node must not store: another node's shard, the wrong index, or a hash mismatch. */
    private void accept(EpochCommittees epochs, VerifiedMetadata metadata, SliverPairIndex pair, Sliver sliver) {
        ShardPlacement.checkWritable(backend, epochs, shardOf(metadata.blobId(), pair, epochs), pair);
        checkIndex(sliver, pair, nShards(epochs));
        verify(metadata, sliver);
    }

    /** True when newly stored; a sliver stored before is not verified again (Walrus does not either). */
    private boolean store(BlobId blobId, SliverPairIndex pair, Sliver sliver, VerifiedMetadata metadata) {
        if (backend.hasSliver(blobId, sliver.type(), pair)) {
            return false;
        }
        verify(metadata, sliver);
        return storeVerified(blobId, pair, sliver);
    }

    /** True when newly stored. */
    private boolean storeVerified(BlobId blobId, SliverPairIndex pair, Sliver sliver) {
        if (backend.hasSliver(blobId, sliver.type(), pair)) {
            return false;
        }
        backend.storeSliver(blobId, pair, sliver);
        LOG.debug("stored {} of blob {} (pair {})", sliver, blobId, pair.value());
        return true;
    }

    private static List<SliverBatch.Entry> parseBatch(byte[] body) {
        try {
            return SliverBatch.decode(body);
        } catch (EncodingException | IllegalArgumentException e) {
            throw ApiException.badRequest(MALFORMED_SLIVER, "not a BCS sliver batch: " + e.getMessage());
        }
    }

    /**
     * A sliver missing here is 404 only where it is missing for good (the shard's current owner with its data);
     * elsewhere the answer is "shard not held here", so the reader asks the shard's other owner.
     */
    CompletionStage<HttpResponse> get(BlobId blobId, SliverPairIndex pair, SliverType type) {
        return CompletableFuture.supplyAsync(() -> {
            InconsistencyEndpoint.refuseIfInvalid(backend, blobId);
            EpochCommittees epochs = backend.epochs();
            ShardIndex shard = shardOf(blobId, pair, epochs);
            ShardPlacement.checkReadable(backend, epochs, shard, pair);
            Sliver sliver = backend.sliver(blobId, type, pair).orElseThrow(() -> missing(epochs, shard, blobId, pair, type));
            return HttpResponse.create()
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, sliver.toBcs()));
        }, blocking);
    }

    CompletionStage<HttpResponse> status(BlobId blobId, SliverPairIndex pair, SliverType type) {
        return CompletableFuture.supplyAsync(() -> {
            EpochCommittees epochs = backend.epochs();
            ShardPlacement.checkReadable(backend, epochs, shardOf(blobId, pair, epochs), pair);
            boolean stored = backend.hasSliver(blobId, type, pair);
            return ApiSuccess.response(StoredOnNodeStatus.of(stored).jsonName());
        }, blocking);
    }

    private ApiException missing(EpochCommittees epochs, ShardIndex shard, BlobId blobId, SliverPairIndex pair,
                                 SliverType type) {
        if (!ShardPlacement.isAuthoritative(backend, epochs, shard)) {
            return ShardPlacement.notAssigned(backend, epochs, shard, pair);
        }
        return ApiException.notFound(SLIVER_NOT_FOUND, "no " + type.pathName() + " sliver of pair " + pair.value()
                + " of blob " + blobId + " on this node");
    }

    private static ShardIndex shardOf(BlobId blobId, SliverPairIndex pair, EpochCommittees epochs) {
        return ShardPlacement.shardOf(blobId, pair, nShards(epochs));
    }

    private static int nShards(EpochCommittees epochs) {
        return epochs.current().nShards();
    }

    private static Sliver parse(SliverType type, byte[] body) {
        try {
            return Sliver.fromBcs(type, body);
        } catch (EncodingException | IllegalArgumentException e) {
            throw ApiException.badRequest(MALFORMED_SLIVER, "not a BCS sliver: " + e.getMessage());
        }
    }

    /** The path's pair decides which sliver it must be; a sliver claiming another index is refused, not moved. */
    private static void checkIndex(Sliver sliver, SliverPairIndex pair, int nShards) {
        SliverIndex expected = pair.sliverIndex(sliver.type(), nShards);
        if (!sliver.index().equals(expected)) {
            throw ApiException.badRequest(SLIVER_INDEX_MISMATCH, "pair " + pair.value() + " holds "
                    + sliver.type().pathName() + " sliver " + expected.value() + ", the body is sliver "
                    + sliver.index().value());
        }
    }

    private static void verify(VerifiedMetadata metadata, Sliver sliver) {
        try {
            new SliverVerifier(metadata).verify(sliver);
        } catch (EncodingException e) {
            throw ApiException.badRequest(INVALID_SLIVER, sliver + " does not match the metadata of blob "
                    + metadata.blobId() + ": " + e.getMessage());
        }
    }
}
