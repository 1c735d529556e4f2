package io.floe.protocol.blob;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Epoch;
import java.util.Comparator;
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

    /**
     * The registration a new store of this blob may reuse instead of paying again (Walrus's {@code reuseRegistration}):
     * one that {@code owner} paid for, not certified yet (an earlier store of it failed or was cut off), of the same
     * kind ({@code deletable}), lasting to at least {@code wantedEnd} (so not expired); the longest of them. A store
     * that reuses it uploads and certifies under its object ID, so retrying a failed store charges nothing more.
     */
    public Optional<Registration> reusablePending(String owner, boolean deletable, Epoch wantedEnd) {
        return registrations.stream()
                .filter(r -> !r.certified() && r.owner().equals(owner) && r.deletable() == deletable
                        && r.endEpoch().compareTo(wantedEnd) >= 0)
                .max(Comparator.comparing(Registration::endEpoch));
    }

    public boolean certified() {
        return longestCertified().isPresent();
    }

    /** Certified and not invalid, whatever the epoch (see {@link #readableIn} for what may be served now). */
    public boolean readable() {
        return certified() && !invalid;
    }

    /**
     * Whether the blob's bytes may be served in epoch {@code current}: not invalid, and a certified registration
     * (deleted ones are gone from the record) still active, its end epoch after {@code current}.
     */
    public boolean readableIn(Epoch current) {
        return !invalid && registrations.stream().anyMatch(r -> r.certified() && r.activeIn(current));
    }

    /**
     * The first epoch in which nothing keeps the blob's slivers: the latest end epoch of its registrations (burned
     * ones included, their data stays until they end); empty when it has none (all deleted, or never registered).
     */
    public Optional<Epoch> keptUntil() {
        return registrations.stream().map(Registration::endEpoch).max(Comparator.naturalOrder());
    }

    /** Every registration, certified or not, ended: the network no longer keeps the blob. */
    public boolean expiredIn(Epoch current) {
        return exists() && registrations.stream().noneMatch(r -> r.activeIn(current));
    }
}
