package io.floe.persistence.readside;

import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.Objects;
import java.util.Optional;

/**
 * One registration of a blob as the read-side keeps it: who owns it, until when it is paid for, the epoch of its
 * point of availability once it has one, and whether its object was burned (owned by nobody, listed for nobody).
 */
public record IndexedRegistration(ObjectId objectId, String owner, long unencodedSize, Epoch endEpoch,
                                  boolean deletable, Optional<Epoch> certifiedEpoch, boolean burned) {
    public IndexedRegistration {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(endEpoch, "endEpoch");
        Objects.requireNonNull(certifiedEpoch, "certifiedEpoch");
        if (unencodedSize < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + unencodedSize);
        }
    }

    /** A registration whose object was not burned. */
    public IndexedRegistration(ObjectId objectId, String owner, long unencodedSize, Epoch endEpoch, boolean deletable,
                               Optional<Epoch> certifiedEpoch) {
        this(objectId, owner, unencodedSize, endEpoch, deletable, certifiedEpoch, false);
    }

    public boolean certified() {
        return certifiedEpoch.isPresent();
    }

    /** This registration certified in {@code epoch}; a certified one keeps its first epoch. */
    public IndexedRegistration certifiedAt(Epoch epoch) {
        if (certified()) {
            return this;
        }
        return new IndexedRegistration(objectId, owner, unencodedSize, endEpoch, deletable, Optional.of(epoch),
                burned);
    }

    public IndexedRegistration endingWith(Epoch newEnd) {
        return new IndexedRegistration(objectId, owner, unencodedSize, newEnd, deletable, certifiedEpoch, burned);
    }

    public IndexedRegistration ownedBy(String newOwner) {
        return new IndexedRegistration(objectId, newOwner, unencodedSize, endEpoch, deletable, certifiedEpoch, burned);
    }

    public IndexedRegistration asBurned() {
        return new IndexedRegistration(objectId, owner, unencodedSize, endEpoch, deletable, certifiedEpoch, true);
    }

    /**
     * Whether an owner listing of {@code owner} shows it: owned by {@code owner}, not burned, and when
     * {@code activeIn} is given, its end epoch after that epoch (not expired).
     */
    public boolean listedFor(String listedOwner, Optional<Epoch> activeIn) {
        return owner.equals(listedOwner) && !burned && activeIn.map(e -> endEpoch.compareTo(e) > 0).orElse(true);
    }
}
