package io.floe.persistence.readside;

import com.typesafe.config.Config;
import io.floe.persistence.journal.JournalMode;

/** Opens the read-side store that goes with a member's journal: the same database, the same configuration. */
public final class BlobIndexStores {
    private BlobIndexStores() {
    }

    /** The store for {@code config}'s {@value JournalMode#KEY}; the caller closes it. */
    public static BlobIndexStore open(Config config) {
        return switch (JournalMode.of(config)) {
            case EMBEDDED -> EmbeddedBlobIndexStore.open(config);
            case CASSANDRA -> CassandraBlobIndexStore.open(config);
        };
    }
}
