package io.floe.actors.readside;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.blob.ObjectCommands;
import io.floe.actors.events.BlobEventEnvelope;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.readside.BlobIndexRow;
import io.floe.persistence.readside.IndexedRegistration;
import io.floe.protocol.blob.Registration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How Blob entity events change read-side rows. Pure: the same rows and events always give the same result.
 *
 * <p>Invariant: an event whose sequence number is not above the row's {@link BlobIndexRow#appliedSeqNr()} is
 * skipped, and each change is idempotent on its own, so a feed that delivers an event again (after a restart
 * from an older offset) cannot change a row twice.
 */
final class BlobIndexFold {
    private static final Logger LOG = LoggerFactory.getLogger(BlobIndexFold.class);

    private BlobIndexFold() {
    }

    /**
     * The rows that {@code batch} changes, folded in feed order from {@code current} (the stored rows of the
     * batch's blobs; a blob missing there starts empty). Rows the batch leaves as they were are not returned.
     */
    static Map<BlobId, BlobIndexRow> fold(Map<BlobId, BlobIndexRow> current, List<BlobEventEnvelope> batch) {
        Map<BlobId, BlobIndexRow> rows = new LinkedHashMap<>();
        for (BlobEventEnvelope envelope : batch) {
            BlobIndexRow before = rows.getOrDefault(envelope.blobId(),
                    current.getOrDefault(envelope.blobId(), BlobIndexRow.empty(envelope.blobId())));
            rows.put(envelope.blobId(), apply(before, envelope));
        }
        rows.entrySet().removeIf(e -> e.getValue().equals(current.get(e.getKey())));
        return rows;
    }

    /** One event on one row; the row itself when the event was applied before or does not concern the read-side. */
    static BlobIndexRow apply(BlobIndexRow row, BlobEventEnvelope envelope) {
        if (envelope.sequenceNr() <= row.appliedSeqNr()) {
            return row;
        }
        BlobIndexRow changed = change(row, envelope.event());
        return changed == row ? row : changed.appliedThrough(envelope.sequenceNr());
    }

    private static BlobIndexRow change(BlobIndexRow row, BlobEntity.Event event) {
        if (event instanceof BlobEntity.Registered registered) {
            return row.withRegistration(indexed(registered.registration()));
        }
        if (event instanceof BlobEntity.Certified certified) {
            return row.withCertified(certified.objectId(), certified.epoch());
        }
        if (event instanceof BlobEntity.MarkedInvalid) {
            return row.markedInvalid();
        }
        if (event instanceof BlobEntity.SliverPairsAttested || event instanceof ObjectCommands.RequestAnswered
                || event instanceof ObjectCommands.Shared || event instanceof ObjectCommands.AttributesChanged) {
            // Attestations matter only once they add up to a certificate, which arrives as Certified; answers,
            // sharing and attributes change nothing a listing shows.
            return row;
        }
        return objectChange(row, event);
    }

    /** The object events that change who lists a blob and until when: extended, deleted, burned, given away. */
    private static BlobIndexRow objectChange(BlobIndexRow row, BlobEntity.Event event) {
        if (event instanceof ObjectCommands.Extended extended) {
            return row.withEndEpoch(extended.objectId(), extended.newEnd());
        }
        if (event instanceof ObjectCommands.Deleted deleted) {
            return row.withoutRegistration(deleted.objectId());
        }
        if (event instanceof ObjectCommands.Burned burned) {
            return row.withBurned(burned.objectIds());
        }
        if (event instanceof ObjectCommands.OwnerChanged given) {
            return row.withOwner(given.objectId(), given.owner());
        }
        // A kind of event added after this fold was written (Expired, ...): add its case above.
        // Until then it leaves the row as it was, so the projection keeps running on a newer journal.
        LOG.debug("read-side ignores {} of blob {}", event.getClass().getSimpleName(), row.blobId());
        return row;
    }

    private static IndexedRegistration indexed(Registration r) {
        return new IndexedRegistration(r.objectId(), r.owner(), r.unencodedLength(), r.endEpoch(), r.deletable(),
                r.certifiedEpoch(), r.burned());
    }
}
