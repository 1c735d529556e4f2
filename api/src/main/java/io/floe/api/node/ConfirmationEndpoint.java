package io.floe.api.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.json.ApiException;
import io.floe.api.json.ApiSuccess;
import io.floe.api.json.Json;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.signing.ProtocolMessages;
import io.floe.protocol.signing.SignedMessage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code /v1/blobs/{id}/confirmation/permanent} and {@code .../deletable/{objectId}}. The node signs the BLOB_CERT
 * message, in the epoch of its current committee, only when the blob has a registration of that kind and both
 * slivers of the blob's pair are stored on every shard the current committee gives this node: a signature is a
 * promise the node can keep.
 */
final class ConfirmationEndpoint {
    static final String NOT_ALL_SLIVERS_STORED = "NOT_ALL_SLIVERS_STORED";
    /** How many missing pairs a refusal lists; the count is always complete. */
    private static final int LISTED_MISSING = 10;

    private final NodeBackend backend;
    private final Executor blocking;
    private final SeenRegistrations registrations;
    private final PendingUploads pending;

    ConfirmationEndpoint(NodeBackend backend, Executor blocking, SeenRegistrations registrations,
                         PendingUploads pending) {
        this.backend = backend;
        this.blocking = blocking;
        this.registrations = registrations;
        this.pending = pending;
    }

    /** Empty object ID: the permanent confirmation. */
    CompletionStage<HttpResponse> confirm(BlobId blobId, Optional<ObjectId> objectId) {
        // The registration is looked up (and usually found among those seen at the metadata PUT) off the dispatcher.
        // One committee for the check and the signature: an epoch change between them must not sign for epoch e+1 a
        // registration checked only against epoch e.
        Committee committee = backend.committee();
        return CompletableFuture.supplyAsync(() -> registrations.passing(blobId,
                        record -> checkRegistered(record, committee, objectId)), blocking)
                .thenCompose(found -> found)
                .thenApplyAsync(record -> {
                    // As Walrus's compute_storage_confirmation: a registered blob's buffered upload is written first.
                    pending.flush(backend, blobId);
                    checkAllStored(blobId, committee);
                    byte[] message = objectId
                            .map(oid -> ProtocolMessages.blobCertifiedDeletable(committee.epoch(), blobId, oid))
                            .orElseGet(() -> ProtocolMessages.blobCertified(committee.epoch(), blobId));
                    return ApiSuccess.response(signedJson(backend.sign(message)));
                }, blocking);
    }

    private static void checkRegistered(BlobRecord record, Committee committee, Optional<ObjectId> objectId) {
        if (objectId.isPresent()) {
            RegistrationCheck.requireDeletable(record, committee.epoch(), objectId.get());
        } else {
            RegistrationCheck.requirePermanent(record, committee.epoch());
        }
    }

    private void checkAllStored(BlobId blobId, Committee committee) {
        int n = committee.nShards();
        int rotation = blobId.rotation(n);
        List<ShardIndex> shards = committee.shardsOf(backend.nodeId());
        List<Integer> missing = new ArrayList<>();
        for (ShardIndex shard : shards) {
            SliverPairIndex pair = SliverPairIndex.onShard(shard, rotation, n);
            // Not whether the shard's entity runs here: during an epoch change the new owner accepts (and so
            // confirms) slivers of a shard it is still syncing, which the old owner holds until then.
            boolean complete = backend.hasSliver(blobId, SliverType.PRIMARY, pair)
                    && backend.hasSliver(blobId, SliverType.SECONDARY, pair);
            if (!complete) {
                missing.add(pair.value());
            }
        }
        if (shards.isEmpty() || !missing.isEmpty()) {
            String listed = missing.subList(0, Math.min(LISTED_MISSING, missing.size())).toString();
            throw ApiException.conflict(NOT_ALL_SLIVERS_STORED, (shards.size() - missing.size()) + " of "
                    + shards.size() + " sliver pairs of blob " + blobId + " are stored on this node's shards in epoch "
                    + committee.epoch() + (missing.isEmpty() ? "" : "; missing pairs " + listed));
        }
    }

    /** {@code {"signed":{"serializedMessage":b64,"signature":b64}}}, standard base64 as Walrus's serde writes it. */
    static ObjectNode signedJson(SignedMessage signed) {
        ObjectNode inner = Json.object();
        inner.put("serializedMessage", Base64.getEncoder().encodeToString(signed.serializedMessage()));
        inner.put("signature", Base64.getEncoder().encodeToString(signed.signature()));
        ObjectNode data = Json.object();
        data.set("signed", inner);
        return data;
    }
}
