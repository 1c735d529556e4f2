package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.api.json.ApiSuccess;
import io.floe.api.json.StoredOnNodeStatus;
import io.floe.encoding.EncodingException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.metadata.MetadataMismatchException;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.protocol.committee.Committee;
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
 * {@code /v1/blobs/{id}/metadata[/status]}. Stored metadata is always verified: it recomputes the path's blob ID,
 * has one pair per shard of the committee and belongs to a registered blob (or, sent with {@code ?pending=true},
 * waits in {@link PendingUploads} until it is). Answers follow Walrus ({@link StoreAnswer}).
 */
final class MetadataEndpoints {
    static final String INVALID_METADATA = "INVALID_METADATA";
    static final String BLOB_ID_MISMATCH = "BLOB_ID_MISMATCH";
    static final String WRONG_SHARD_COUNT = "WRONG_SHARD_COUNT";
    static final String METADATA_NOT_FOUND = "METADATA_NOT_FOUND";
    private static final Logger LOG = LoggerFactory.getLogger(MetadataEndpoints.class);

    private final NodeBackend backend;
    private final Executor blocking;
    private final SeenRegistrations registrations;
    private final PendingUploads pending;

    MetadataEndpoints(NodeBackend backend, Executor blocking, SeenRegistrations registrations, PendingUploads pending) {
        this.backend = backend;
        this.blocking = blocking;
        this.registrations = registrations;
        this.pending = pending;
    }

    /**
     * Body: BCS {@code BlobMetadata} without the ID (what Walrus's clients send). As Walrus's node: metadata stored
     * or buffered before answers 200 (buffered metadata is written now if the blob is registered); otherwise it is
     * stored once a registration passes (201, or 202 with {@code ?pending=true}), or with {@code ?pending=true}
     * buffered until one does (202); without either, Walrus's NOT_REGISTERED.
     */
    CompletionStage<HttpResponse> put(BlobId blobId, byte[] body, boolean pendingIntent) {
        return CompletableFuture.supplyAsync(() -> {
            VerifiedMetadata metadata = verify(blobId, body);
            return backend.metadata(blobId).isPresent() ? Optional.<VerifiedMetadata>empty() : Optional.of(metadata);
        }, blocking).thenCompose(fresh -> fresh.isEmpty() ? CompletableFuture.completedFuture(false)
                : store(fresh.get(), pendingIntent)).thenApply(newly -> StoreAnswer.METADATA.of(newly, pendingIntent));
    }

    /**
     * Verifies the metadata and buffers it in {@link PendingUploads} unless it is stored already, without asking
     * whether the blob is registered ({@link UploadEndpoint#hold}); throws when the buffer is full.
     */
    CompletionStage<Boolean> hold(BlobId blobId, byte[] body) {
        return CompletableFuture.supplyAsync(() -> {
            VerifiedMetadata metadata = verify(blobId, body);
            InconsistencyEndpoint.refuseIfInvalid(backend, blobId);
            return backend.metadata(blobId).isEmpty() && pending.holdMetadata(metadata);
        }, blocking);
    }

    /** True when this request newly stored or buffered the metadata. */
    private CompletionStage<Boolean> store(VerifiedMetadata metadata, boolean pendingIntent) {
        BlobId blobId = metadata.blobId();
        // Walrus answers "already stored" for metadata in its pending cache, whatever the intent.
        boolean buffered = pending.metadata(blobId).isPresent();
        return registrations.active(blobId, !pendingIntent && !buffered).thenComposeAsync(registered -> {
            if (registered) {
                return CompletableFuture.completedFuture(persist(metadata) && !buffered);
            }
            if (buffered || !pending.putMetadata(metadata)) {
                return CompletableFuture.completedFuture(false);
            }
            return pending.flushIfRegistered(backend, registrations, blobId, blocking).thenApply(flushed -> true);
        }, blocking);
    }

    /** Stores the metadata (true when it was not stored yet) and whatever was buffered for the blob before. */
    private boolean persist(VerifiedMetadata metadata) {
        boolean newly = backend.metadata(metadata.blobId()).isEmpty();
        if (newly) {
            backend.storeMetadata(metadata);
            LOG.debug("stored metadata of blob {}", metadata.blobId());
        }
        pending.flush(backend, metadata.blobId());
        return newly;
    }

    CompletionStage<HttpResponse> get(BlobId blobId) {
        return CompletableFuture.supplyAsync(() -> {
            InconsistencyEndpoint.refuseIfInvalid(backend, blobId);
            return backend.metadata(blobId);
        }, blocking).thenApply(found -> found
                .map(m -> HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, m.toBcs())))
                .orElseThrow(() -> ApiException.notFound(METADATA_NOT_FOUND, "no metadata of blob " + blobId + " on this node")));
    }

    CompletionStage<HttpResponse> status(BlobId blobId) {
        return CompletableFuture.supplyAsync(() -> backend.metadata(blobId).isPresent(), blocking)
                .thenApply(stored -> ApiSuccess.response(StoredOnNodeStatus.of(stored).jsonName()));
    }

    private VerifiedMetadata verify(BlobId blobId, byte[] body) {
        BlobMetadata metadata = parse(body);
        Committee committee = backend.committee();
        if (metadata.nShards() != committee.nShards()) {
            throw ApiException.badRequest(WRONG_SHARD_COUNT, "metadata has " + metadata.nShards()
                    + " sliver pairs, the network has " + committee.nShards() + " shards");
        }
        try {
            return new VerifiedMetadata(blobId, metadata);
        } catch (MetadataMismatchException e) {
            throw ApiException.badRequest(BLOB_ID_MISMATCH, e.getMessage());
        }
    }

    private static BlobMetadata parse(byte[] body) {
        try {
            BcsReader in = new BcsReader(body);
            BlobMetadata metadata = BlobMetadata.readFrom(in);
            in.expectEnd();
            return metadata;
        } catch (EncodingException | IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID_METADATA, "not BCS blob metadata: " + e.getMessage());
        }
    }
}
