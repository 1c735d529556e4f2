package io.floe.api.gateway;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The read-side as the HTTP layer sees it: listings of blobs, paged in blob ID order, from a query model that a
 * projection keeps a little behind the Blob entities. Every call is bounded in time; a stage that fails with
 * {@link NotReady} means "try again later" (503).
 */
public interface BlobListings {
    /** The largest page one call returns. */
    int MAX_LIMIT = 1000;

    /**
     * Blobs with at least one registration by {@code owner} that is neither burned nor expired (its end epoch after
     * the current epoch), after {@code cursor}; {@code limit} 1..MAX_LIMIT.
     */
    CompletionStage<Page> byOwner(String owner, Optional<BlobId> cursor, int limit);

    /**
     * As {@link #byOwner(String, Optional, int)}; with {@code includeExpired} registrations that ended are listed too
     * ({@code list-blobs --include-expired}). Burned ones never are: they are owned by nobody.
     */
    default CompletionStage<Page> byOwner(String owner, Optional<BlobId> cursor, int limit, boolean includeExpired) {
        return byOwner(owner, cursor, limit);
    }

    /** Every blob of the network, after {@code cursor}; {@code limit} 1..MAX_LIMIT. */
    CompletionStage<Page> all(Optional<BlobId> cursor, int limit);

    /**
     * The blob whose registration has object ID {@code objectId}, if the read-side knows it (it follows the Blob
     * entities a little behind; a deleted object is forgotten).
     */
    default CompletionStage<Optional<BlobId>> blobOfObject(ObjectId objectId) {
        return CompletableFuture.failedFuture(new NotReady("this read-side does not index object IDs", null));
    }

    /** A blob's state in a listing. */
    enum Status {
        REGISTERED, CERTIFIED, INVALID;

        /** The JSON form, {@code "certified"}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One registration's owner and object ID. */
    record Owner(String owner, ObjectId objectId) {
        public Owner {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(objectId, "objectId");
        }
    }

    /**
     * One blob: {@code endEpoch} is the longest certified registration's (else the longest registered one's),
     * {@code certifiedEpoch} its first point of availability.
     */
    record Entry(BlobId blobId, Status status, long size, Epoch endEpoch, List<Owner> owners,
                 Optional<Epoch> certifiedEpoch) {
        public Entry {
            owners = List.copyOf(owners);
        }
    }

    /** One page; {@code nextCursor} is present when more blobs may follow and names where the next page starts. */
    record Page(List<Entry> blobs, Optional<BlobId> nextCursor) {
        public Page {
            blobs = List.copyOf(blobs);
        }
    }

    /** The read-side cannot answer now: its store is down, or the projection has not started yet. */
    final class NotReady extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotReady(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An index that always answers {@link NotReady} with {@code reason}, for gateways without a read-side. */
    static BlobListings unavailable(String reason) {
        return new BlobListings() {
            @Override
            public CompletionStage<Page> byOwner(String owner, Optional<BlobId> cursor, int limit) {
                return CompletableFuture.failedFuture(new NotReady(reason, null));
            }

            @Override
            public CompletionStage<Page> all(Optional<BlobId> cursor, int limit) {
                return CompletableFuture.failedFuture(new NotReady(reason, null));
            }
        };
    }
}
