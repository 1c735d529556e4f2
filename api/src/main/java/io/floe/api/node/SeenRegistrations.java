package io.floe.api.node;

import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiException;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The blob records this node last saw pass a registration check, so that a store asks the blob's entity once per
 * node (at its metadata PUT) rather than once per request (again at its confirmation). Bounded: the least recently
 * used of {@value #ENTRIES} blob IDs are forgotten first.
 *
 * <p>Invariant: a remembered record is used only when the check passes on it again, without the registrations
 * this node has seen deleted ({@link NodeBackend#deletedObjects}), against the epoch current at the time of the
 * check, and only for a blob this node does not know to be invalid; when it does not pass, the entity is asked
 * afresh. This is safe because apart from a deletion nothing makes a registration that passed a check stop passing
 * it before its end epoch: registrations are added, certified, extended (an end epoch only moves later), burned
 * (its data stays until its end) or deleted, and expiry is judged anew each time. The facts that can flip, a
 * registration deleted or the blob marked invalid, the node learns through its event processor (both checked here);
 * in the window before that, a confirmation it signs cannot certify anything, since the blob's entity refuses
 * certificates of a deleted registration and of an invalid blob, and slivers it stores of a blob deleted meanwhile
 * are dropped when the processor reaches the deletion.
 */
final class SeenRegistrations {
    /** Enough for every store in flight on a busy node many times over, a few hundred KiB at most. */
    static final int ENTRIES = 4096;

    private final NodeBackend backend;
    private final Map<BlobId, BlobRecord> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<BlobId, BlobRecord> eldest) {
                    return size() > ENTRIES;
                }
            });

    SeenRegistrations(NodeBackend backend) {
        this.backend = backend;
    }

    /**
     * The record of {@code blobId} on which {@code check} passes (it throws an {@link ApiException} when it does not):
     * the remembered one when it still passes, else the entity's current one. Call off the HTTP dispatcher: it may
     * look the blob up in the node's store.
     */
    CompletionStage<BlobRecord> passing(BlobId blobId, Consumer<BlobRecord> check) {
        BlobRecord seen = recent.get(blobId);
        if (seen != null && passes(withoutDeleted(seen), check) && !backend.knownInvalid(blobId)) {
            return CompletableFuture.completedFuture(seen);
        }
        return backend.controlPlane().blob(blobId).thenApply(record -> {
            check.accept(record);
            recent.put(blobId, record);
            return record;
        });
    }

    /**
     * Whether the blob has an active registration of any kind, as the metadata and sliver PUTs need it: false when
     * it has none, or Walrus's NOT_REGISTERED refusal when {@code refuseUnregistered}. Other refusals (an invalid
     * blob) always fail the stage. Call off the HTTP dispatcher.
     */
    CompletionStage<Boolean> active(BlobId blobId, boolean refuseUnregistered) {
        return passing(blobId, record -> RegistrationCheck.requireAny(record, backend.committee().epoch()))
                .handle((record, error) -> {
                    if (error == null) {
                        return true;
                    }
                    Throwable cause = ApiErrors.unwrap(error);
                    if (!refuseUnregistered && cause instanceof ApiException api
                            && RegistrationCheck.BLOB_NOT_REGISTERED.equals(api.code())) {
                        return false;
                    }
                    throw error instanceof CompletionException c ? c : new CompletionException(error);
                });
    }

    /** The record without the registrations this node has seen deleted (it may have been remembered before). */
    private BlobRecord withoutDeleted(BlobRecord record) {
        Set<ObjectId> deleted = backend.deletedObjects(record.blobId());
        if (deleted.isEmpty()) {
            return record;
        }
        return new BlobRecord(record.blobId(), record.registrations().stream()
                .filter(r -> !deleted.contains(r.objectId())).toList(), record.invalid());
    }

    private static boolean passes(BlobRecord record, Consumer<BlobRecord> check) {
        try {
            check.accept(record);
            return true;
        } catch (ApiException e) {
            // A registration made since (another kind, another object ID) may pass: the entity decides.
            return false;
        }
    }
}
