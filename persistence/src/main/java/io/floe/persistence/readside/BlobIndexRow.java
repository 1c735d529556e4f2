package io.floe.persistence.readside;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read-side row of one blob ID: its registrations in arrival order, whether it was marked invalid, and the
 * sequence number (in the blob's entity) of the last event folded into it. Everything shown (status, size, end
 * epoch, owners, certified epoch) is derived from those, so a row read back from a store equals the row written.
 *
 * <p>Invariant: every change is idempotent (registering a known object ID, certifying a certified registration,
 * marking an invalid blob invalid, extending to the same end, giving to the same owner, burning a burned object,
 * dropping a dropped registration change nothing), so folding an event twice gives the same row.
 */
public record BlobIndexRow(BlobId blobId, List<IndexedRegistration> registrations, boolean invalid,
                           long appliedSeqNr) {
    public BlobIndexRow {
        Objects.requireNonNull(blobId, "blobId");
        registrations = List.copyOf(registrations);
        if (appliedSeqNr < 0) {
            throw new IllegalArgumentException("sequence number must be >= 0: " + appliedSeqNr);
        }
    }

    /** The row of a blob no event has touched yet. */
    public static BlobIndexRow empty(BlobId blobId) {
        return new BlobIndexRow(blobId, List.of(), false, 0);
    }

    public BlobIndexStatus status() {
        if (invalid) {
            return BlobIndexStatus.INVALID;
        }
        return registrations.stream().anyMatch(IndexedRegistration::certified) ? BlobIndexStatus.CERTIFIED
                : BlobIndexStatus.REGISTERED;
    }

    /** The unencoded size (the same in every registration of one blob ID); 0 before the first. */
    public long size() {
        return registrations.isEmpty() ? 0 : registrations.get(0).unencodedSize();
    }

    /** How long the network owes the blob: the longest certified registration, else the longest registered one. */
    public Epoch endEpoch() {
        Comparator<IndexedRegistration> byEnd = Comparator.comparing(IndexedRegistration::endEpoch);
        Optional<IndexedRegistration> certified = registrations.stream().filter(IndexedRegistration::certified)
                .max(byEnd);
        return certified.or(() -> registrations.stream().max(byEnd)).map(IndexedRegistration::endEpoch)
                .orElse(new Epoch(0));
    }

    /** The epoch of the blob's first point of availability, if it has one. */
    public Optional<Epoch> certifiedEpoch() {
        return registrations.stream().flatMap(r -> r.certifiedEpoch().stream()).min(Comparator.naturalOrder());
    }

    /** The distinct owners, in the order of their first registration. */
    public List<String> owners() {
        LinkedHashSet<String> owners = new LinkedHashSet<>();
        registrations.forEach(r -> owners.add(r.owner()));
        return List.copyOf(owners);
    }

    public Optional<IndexedRegistration> registration(ObjectId objectId) {
        return registrations.stream().filter(r -> r.objectId().equals(objectId)).findFirst();
    }

    /** Adds a registration unless its object ID is known (the first one stays, as in the Blob entity). */
    public BlobIndexRow withRegistration(IndexedRegistration registration) {
        if (registration(registration.objectId()).isPresent()) {
            return this;
        }
        List<IndexedRegistration> more = new ArrayList<>(registrations);
        more.add(registration);
        return new BlobIndexRow(blobId, more, invalid, appliedSeqNr);
    }

    /** Records the point of availability of {@code objectId}; an unknown or certified one changes nothing. */
    public BlobIndexRow withCertified(ObjectId objectId, Epoch epoch) {
        return changing(objectId, r -> r.certifiedAt(epoch));
    }

    /** {@code objectId} extended to {@code newEnd}; an unknown one changes nothing. */
    public BlobIndexRow withEndEpoch(ObjectId objectId, Epoch newEnd) {
        return changing(objectId, r -> r.endingWith(newEnd));
    }

    /** {@code objectId} given to {@code owner}; an unknown one changes nothing. */
    public BlobIndexRow withOwner(ObjectId objectId, String owner) {
        return changing(objectId, r -> r.ownedBy(owner));
    }

    /** {@code objectIds} burned: kept (their data stays until they end) but listed for nobody. */
    public BlobIndexRow withBurned(List<ObjectId> objectIds) {
        BlobIndexRow row = this;
        for (ObjectId id : objectIds) {
            row = row.changing(id, IndexedRegistration::asBurned);
        }
        return row;
    }

    /** Without the deleted registration {@code objectId}; an unknown one changes nothing. */
    public BlobIndexRow withoutRegistration(ObjectId objectId) {
        return new BlobIndexRow(blobId, registrations.stream().filter(r -> !r.objectId().equals(objectId)).toList(),
                invalid, appliedSeqNr);
    }

    /** Whether an owner listing of {@code owner} shows this blob (see {@link IndexedRegistration#listedFor}). */
    public boolean listedFor(String owner, Optional<Epoch> activeIn) {
        return registrations.stream().anyMatch(r -> r.listedFor(owner, activeIn));
    }

    private BlobIndexRow changing(ObjectId objectId, java.util.function.UnaryOperator<IndexedRegistration> change) {
        List<IndexedRegistration> updated = new ArrayList<>(registrations.size());
        for (IndexedRegistration r : registrations) {
            updated.add(r.objectId().equals(objectId) ? change.apply(r) : r);
        }
        return new BlobIndexRow(blobId, updated, invalid, appliedSeqNr);
    }

    public BlobIndexRow markedInvalid() {
        return new BlobIndexRow(blobId, registrations, true, appliedSeqNr);
    }

    /** The row after the event with {@code seqNr}; sequence numbers only grow. */
    public BlobIndexRow appliedThrough(long seqNr) {
        return new BlobIndexRow(blobId, registrations, invalid, Math.max(appliedSeqNr, seqNr));
    }
}
