package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.encoding.EncodingException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Floe's own {@code PUT /v1/blobs/{id}/floe-upload/permanent} (or {@code .../deletable/{objectId}}): a small blob's
 * metadata and this node's slivers in one request, answered with the signed confirmation, so a gateway's store costs
 * one request per node instead of three. It is exactly the metadata PUT, then the sliver batch PUT, then the
 * confirmation GET, with their checks and answers: the first refusal is the answer, and what was stored before it
 * stays stored (as with the separate requests). Walrus's separate routes are unchanged.
 *
 * <p>Body: BCS {@code (vector<u8> metadata, vector<u8> slivers)}, the bodies of the metadata PUT and the sliver batch PUT.
 * The same body sent to {@code .../floe-upload/pending} is held until the blob is registered ({@link #hold}).
 */
final class UploadEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(UploadEndpoint.class);
    static final String INVALID_UPLOAD = "INVALID_UPLOAD";

    private final MetadataEndpoints metadata;
    private final SliverEndpoints slivers;
    private final ConfirmationEndpoint confirmation;

    UploadEndpoint(MetadataEndpoints metadata, SliverEndpoints slivers, ConfirmationEndpoint confirmation) {
        this.metadata = metadata;
        this.slivers = slivers;
        this.confirmation = confirmation;
    }

    /** The request body for {@code metadataBcs} and {@code sliverBatch} ({@link SliverBatch#encode}). */
    static byte[] body(byte[] metadataBcs, byte[] sliverBatch) {
        return new BcsWriter(metadataBcs.length + sliverBatch.length + 10).bytes(metadataBcs).bytes(sliverBatch)
                .toByteArray();
    }

    /** Empty object ID: the permanent confirmation. */
    CompletionStage<HttpResponse> upload(BlobId blobId, Optional<ObjectId> objectId, byte[] body) {
        return withParts(body, parts -> upload(blobId, objectId, parts));
    }

    private CompletionStage<HttpResponse> upload(BlobId blobId, Optional<ObjectId> objectId, byte[][] parts) {
        long start = System.nanoTime();
        long[] marks = new long[2];
        return metadata.put(blobId, parts[0], false)
                .thenCompose(stored -> {
                    marks[0] = System.nanoTime();
                    return slivers.putBatch(blobId, parts[1]);
                })
                .thenCompose(stored -> {
                    marks[1] = System.nanoTime();
                    return confirmation.confirm(blobId, objectId);
                })
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        LOG.debug("upload of {} failed: {}", blobId, error.toString());
                        return;
                    }
                    long end = System.nanoTime();
                    LOG.debug("upload of {}: metadata {} us, slivers {} us, confirmation {} us", blobId,
                            (marks[0] - start) / 1000, (marks[1] - marks[0]) / 1000, (end - marks[1]) / 1000);
                });
    }

    /**
     * {@code .../floe-upload/pending}: the metadata and slivers verified and held in {@link PendingUploads} (or stored,
     * when the metadata is stored already), answered 202 without a confirmation, so a gateway can upload while it
     * registers the blob. No registration is looked up here: the confirmation request that follows once the blob is
     * registered checks it and writes what was held, as for Walrus's {@code ?pending=true} uploads; held data of a
     * blob that is never registered expires.
     */
    CompletionStage<HttpResponse> hold(BlobId blobId, byte[] body) {
        return withParts(body, parts -> hold(blobId, parts));
    }

    private CompletionStage<HttpResponse> hold(BlobId blobId, byte[][] parts) {
        long start = System.nanoTime();
        return metadata.hold(blobId, parts[0])
                .thenCompose(held -> slivers.holdBatch(blobId, parts[1]))
                .whenComplete((answer, error) -> {
                    if (error == null) {
                        LOG.debug("held upload of {} in {} us", blobId, (System.nanoTime() - start) / 1000);
                    }
                });
    }

    /** {@code then} on the body's metadata and slivers; a malformed body fails the stage with a 400. */
    private static CompletionStage<HttpResponse> withParts(byte[] body,
            Function<byte[][], CompletionStage<HttpResponse>> then) {
        byte[][] parts;
        try {
            parts = split(body);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
        return then.apply(parts);
    }

    private static byte[][] split(byte[] body) {
        try {
            BcsReader in = new BcsReader(body);
            byte[] metadataBcs = in.bytes();
            byte[] sliverBatch = in.bytes();
            in.expectEnd();
            return new byte[][] {metadataBcs, sliverBatch};
        } catch (EncodingException | IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID_UPLOAD, "not a BCS (metadata, slivers) upload: " + e.getMessage());
        }
    }
}
