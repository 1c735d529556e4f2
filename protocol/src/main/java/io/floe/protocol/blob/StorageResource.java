package io.floe.protocol.blob;

import io.floe.protocol.committee.Epoch;
import java.util.Objects;

/**
 * Storage space bought for a span of epochs (Walrus's {@code Storage}): {@code size} bytes of encoded length from
 * {@code start} up to, not including, {@code end}. A blob object holds one; an account may hold free ones (the
 * remainder of a split, or the storage of a deleted blob) that later registrations reuse. Splitting and fusing follow
 * Walrus's {@code storage_resource.move}.
 *
 * <p>Invariants: immutable; {@code start < end}; {@code size >= 0}. Splitting never creates or loses a byte-epoch:
 * the parts of a split fuse back to the original's span and size.
 */
public record StorageResource(ObjectId id, Epoch start, Epoch end, long size) {
    public StorageResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.compareTo(end) >= 0) {
            throw new IllegalArgumentException("a storage resource starts before it ends: " + start + ".." + end);
        }
        if (size < 0) {
            throw new IllegalArgumentException("a storage resource's size is >= 0: " + size);
        }
    }

    /** Epochs covered: {@code end - start}. */
    public int epochs() {
        return end.value() - start.value();
    }

    /** Whether this resource covers epoch {@code e} ({@code start <= e < end}). */
    public boolean covers(Epoch e) {
        return start.compareTo(e) <= 0 && e.compareTo(end) < 0;
    }

    /** Expired at {@code current}: it covers no epoch from {@code current} on. */
    public boolean expiredAt(Epoch current) {
        return end.compareTo(current) <= 0;
    }

    /** The two parts of a split: {@code kept} keeps this resource's ID, {@code split} has a new one. */
    public record Split(StorageResource kept, StorageResource split) {
    }

    /**
     * Walrus's {@code split_by_epoch}: {@code kept} covers {@code start..at}, {@code split} (ID {@code newId})
     * {@code at..end}, both of this size.
     *
     * @throws IllegalArgumentException unless {@code start < at < end}
     */
    public Split splitByEpoch(Epoch at, ObjectId newId) {
        if (at.compareTo(start) <= 0 || at.compareTo(end) >= 0) {
            throw new IllegalArgumentException("split epoch " + at + " is not inside " + start + ".." + end);
        }
        return new Split(new StorageResource(id, start, at, size), new StorageResource(newId, at, end, size));
    }

    /**
     * Walrus's {@code split_by_size}: {@code kept} has {@code keptSize} bytes, {@code split} (ID {@code newId}) the
     * rest, both over this span.
     *
     * @throws IllegalArgumentException when {@code keptSize} is negative or above this size
     */
    public Split splitBySize(long keptSize, ObjectId newId) {
        if (keptSize < 0 || keptSize > size) {
            throw new IllegalArgumentException("cannot keep " + keptSize + " of " + size + " bytes");
        }
        return new Split(new StorageResource(id, start, end, keptSize),
                new StorageResource(newId, start, end, size - keptSize));
    }

    /**
     * Walrus's {@code fuse_periods}: this and {@code next} of one size, adjacent in time (either order), as one
     * resource with this ID.
     *
     * @throws IllegalArgumentException when the sizes differ or the spans do not touch
     */
    public StorageResource fusePeriods(StorageResource next) {
        if (size != next.size) {
            throw new IllegalArgumentException("only resources of one size fuse in time: " + size + ", " + next.size);
        }
        if (end.equals(next.start)) {
            return new StorageResource(id, start, next.end, size);
        }
        if (next.end.equals(start)) {
            return new StorageResource(id, next.start, end, size);
        }
        throw new IllegalArgumentException("spans " + start + ".." + end + " and " + next.start + ".." + next.end
                + " do not touch");
    }

    /**
     * Walrus's {@code fuse_amount}: this and {@code other} over one span, as one resource of both sizes with this ID.
     *
     * @throws IllegalArgumentException when the spans differ
     */
    public StorageResource fuseAmount(StorageResource other) {
        if (!start.equals(other.start) || !end.equals(other.end)) {
            throw new IllegalArgumentException("only resources of one span fuse in size: " + start + ".." + end
                    + ", " + other.start + ".." + other.end);
        }
        return new StorageResource(id, start, end, Math.addExact(size, other.size));
    }

    /** This resource until {@code newEnd} (an extension bought for it). */
    public StorageResource extendedTo(Epoch newEnd) {
        return new StorageResource(id, start, newEnd, size);
    }
}
