package io.floe.persistence.readside;

import io.floe.encoding.metadata.BlobId;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing in blob ID order (as the store orders them). {@code next} is the cursor of the following
 * page, the last blob ID of this one, present only when more rows may follow.
 */
public record BlobIndexPage(List<BlobIndexRow> rows, Optional<BlobId> next) {
    public BlobIndexPage {
        rows = List.copyOf(rows);
    }

    /** The first {@code limit} of {@code fetched} rows (fetched with one extra to learn whether more follow). */
    static BlobIndexPage of(List<BlobIndexRow> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new BlobIndexPage(fetched, Optional.empty());
        }
        List<BlobIndexRow> page = fetched.subList(0, limit);
        return new BlobIndexPage(page, Optional.of(page.get(limit - 1).blobId()));
    }
}
