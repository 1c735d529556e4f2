package io.floe.protocol.blob;

import io.floe.encoding.metadata.BlobId;
import java.util.List;
import java.util.Optional;

/**
 * What the network knows about one blob ID: all its registrations (Walrus allows several owners of one ID),
 * whether a point of availability has been recorded, and whether the blob was marked invalid (a validity-weight
 * certificate proved its encoding inconsistent). {@link #unknown} when nothing was ever registered.
 *
 * <p>An invalid blob is never served, whatever its registrations say: {@link #readable()} is false for it.
 */
public record BlobRecord(BlobId blobId, List<Registration> registrations, boolean invalid) {
    public BlobRecord {
        registrations = List.copyOf(registrations);
    }

    /** A blob that was not marked invalid. */
    public BlobRecord(BlobId blobId, List<Registration> registrations) {
        this(blobId, registrations, false);
    }

    public static BlobRecord unknown(BlobId blobId) {
        return new BlobRecord(blobId, List.of());
    }

    public boolean exists() {
        return !registrations.isEmpty();
    }

    public Optional<Registration> registration(ObjectId objectId) {
        return registrations.stream().filter(r -> r.objectId().equals(objectId)).findFirst();
    }

    /** The certified registration that lasts longest, if any (the one that answers {@code alreadyCertified}). */
    public Optional<Registration> longestCertified() {
        return longestCertified(false);
    }

    /** As {@link #longestCertified()}, among permanent registrations only when {@code permanentOnly}. */
    public Optional<Registration> longestCertified(boolean permanentOnly) {
        return registrations.stream().filter(r -> r.certified() && !(permanentOnly && r.deletable()))
                .max((a, b) -> a.endEpoch().compareTo(b.endEpoch()));
    }

    public boolean certified() {
        return longestCertified().isPresent();
    }

    /** Certified and not invalid: the only blobs whose bytes may be served. */
    public boolean readable() {
        return certified() && !invalid;
    }
}
