package io.floe.persistence.readside;

import com.typesafe.config.Config;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.journal.JournalMode;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where the blob index projection keeps its rows and its offset in the blob event feed.
 *
 * <p>Invariant: {@link #apply} writes its rows and the offset together or not at all (one JDBC transaction, one
 * Cassandra LOGGED batch), so the stored offset is always exactly the position the stored rows reflect; a
 * projection that restarts from {@link #offset()} applies every later event once. Stages fail with
 * {@link BlobIndexStoreException} when the store cannot be used.
 */
public interface BlobIndexStore extends AutoCloseable {
    /** The largest page a listing returns. */
    int MAX_PAGE = 1000;
    /** The projection whose offset this store keeps, as stored. */
    String PROJECTION = "blob-index";

    /**
     * Replaces each row (every registration, status and sequence number) and records {@code offset} (a
     * {@code FeedOffset} in text form) as the position after them, atomically. {@code rows} may be empty.
     */
    CompletionStage<Void> apply(List<BlobIndexRow> rows, String offset);

    /** The offset of the last {@link #apply}; empty until the projection first ran. */
    CompletionStage<Optional<String>> offset();

    /** The row of one blob, empty when no event has touched it. */
    CompletionStage<Optional<BlobIndexRow>> blob(BlobId blobId);

    /**
     * Blobs with at least one registration by {@code owner} that is not burned, in blob ID order, after {@code after}
     * (a previous page's {@link BlobIndexPage#next}); {@code limit} from 1 to {@link #MAX_PAGE}.
     */
    default CompletionStage<BlobIndexPage> blobsByOwner(String owner, Optional<BlobId> after, int limit) {
        return blobsByOwner(owner, after, limit, Optional.empty());
    }

    /**
     * As {@link #blobsByOwner(String, Optional, int)}, counting only registrations whose end epoch is after
     * {@code activeIn} when it is given (the current epoch: expired registrations are not listed).
     */
    CompletionStage<BlobIndexPage> blobsByOwner(String owner, Optional<BlobId> after, int limit,
                                                Optional<Epoch> activeIn);

    /**
     * The blob holding the registration with object ID {@code objectId}; empty when none does (never registered, or
     * deleted).
     */
    CompletionStage<Optional<BlobId>> blobOfObject(ObjectId objectId);

    /** Every blob, in the store's order, after {@code after}; {@code limit} from 1 to {@link #MAX_PAGE}. */
    CompletionStage<BlobIndexPage> blobs(Optional<BlobId> after, int limit);

    /** Releases connections; the store is unusable afterwards. */
    @Override
    void close();

    /**
     * Opens the store that goes with a member's journal ({@code config}'s {@code floe.persistence.mode}): the same
     * database, the same configuration. The caller closes it.
     */
    static BlobIndexStore open(Config config) {
        return switch (JournalMode.of(config)) {
            case EMBEDDED -> EmbeddedBlobIndexStore.open(config);
            case CASSANDRA -> CassandraBlobIndexStore.open(config);
        };
    }

    /** @throws IllegalArgumentException when {@code limit} is outside 1..{@link #MAX_PAGE} */
    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_PAGE + ": " + limit);
        }
        return limit;
    }
}
