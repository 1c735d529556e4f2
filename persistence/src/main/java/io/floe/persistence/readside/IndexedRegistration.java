package io.floe.persistence.readside;

import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.Objects;
import java.util.Optional;

/**
 * One registration of a blob as the read-side keeps it: who owns it, until when it is paid for, and the epoch of
 * its point of availability once it has one.
 */
public record IndexedRegistration(ObjectId objectId, String owner, long unencodedSize, Epoch endEpoch,
                                  boolean deletable, Optional<Epoch> certifiedEpoch) {
    public IndexedRegistration {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(endEpoch, "endEpoch");
        Objects.requireNonNull(certifiedEpoch, "certifiedEpoch");
        if (unencodedSize < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + unencodedSize);
        }
    }

    public boolean certified() {
        return certifiedEpoch.isPresent();
    }

    /** This registration certified in {@code epoch}; a certified one keeps its first epoch. */
    public IndexedRegistration certifiedAt(Epoch epoch) {
        if (certified()) {
            return this;
        }
        return new IndexedRegistration(objectId, owner, unencodedSize, endEpoch, deletable, Optional.of(epoch));
    }
}
