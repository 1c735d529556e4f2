package io.floe.protocol.blob;

import io.floe.protocol.committee.Epoch;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One registration of a blob (a Walrus blob object): who owns it, what storage it holds for how long, whether it is
 * certified, and what its owner did with it (shared it, burned it, tagged it).
 *
 * @param encodedLength  Walrus's encoded length, the size storage is charged for
 * @param endEpoch       the first epoch it no longer covers (its storage resource's end)
 * @param cost           FROST its registration charged
 * @param certifiedEpoch the epoch of its point of availability, empty until certified
 * @param object         its storage resource and what its owner did with it
 */
public record Registration(ObjectId objectId, String owner, long unencodedLength, long encodedLength,
                           Epoch registeredEpoch, Epoch endEpoch, boolean deletable, long cost,
                           Optional<Epoch> certifiedEpoch, ObjectDetails object) {

    /**
     * A blob object's storage resource (its {@code end} equals the registration's end epoch; its size is at least the
     * encoded length) and its owner's changes to it.
     *
     * @param shared     shared (Walrus's {@code SharedBlob}): anyone may fund and extend it, nobody may delete it
     * @param burned     its object was dropped: nobody can act on it, its data stays until its end epoch
     * @param attributes Walrus's blob metadata pairs, in key order
     */
    public record ObjectDetails(StorageResource storage, boolean shared, boolean burned,
                                Map<String, String> attributes) {
        public ObjectDetails {
            Objects.requireNonNull(storage, "storage");
            attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        }

        /** A fresh object holding {@code storage}: not shared, not burned, no attributes. */
        public static ObjectDetails of(StorageResource storage) {
            return new ObjectDetails(storage, false, false, Map.of());
        }
    }

    public Registration {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(endEpoch, "endEpoch");
        Objects.requireNonNull(certifiedEpoch, "certifiedEpoch");
        Objects.requireNonNull(object, "object");
        if (!object.storage().end().equals(endEpoch)) {
            throw new IllegalArgumentException("registration " + objectId + " ends with epoch " + endEpoch
                    + " but its storage with " + object.storage().end());
        }
    }

    /**
     * A registration as registrations were before blob objects had details: its storage resource has the object's
     * ID, spans {@code registeredEpoch..endEpoch} and holds exactly the encoded length.
     */
    public Registration(ObjectId objectId, String owner, long unencodedLength, long encodedLength,
                        Epoch registeredEpoch, Epoch endEpoch, boolean deletable, long cost,
                        Optional<Epoch> certifiedEpoch) {
        this(objectId, owner, unencodedLength, encodedLength, registeredEpoch, endEpoch, deletable, cost,
                certifiedEpoch, ObjectDetails.of(defaultStorage(objectId, registeredEpoch, endEpoch, encodedLength)));
    }

    private static StorageResource defaultStorage(ObjectId id, Epoch registered, Epoch end, long encodedLength) {
        // Journals from before storage resources may hold registrations whose end is not after their start epoch.
        Epoch start = registered.compareTo(end) < 0 ? registered : new Epoch(Math.max(0, end.value() - 1));
        return new StorageResource(id, start, end, encodedLength);
    }

    public boolean certified() {
        return certifiedEpoch.isPresent();
    }

    /** Whether it still keeps its blob: its end epoch is after {@code current}. */
    public boolean activeIn(Epoch current) {
        return endEpoch.compareTo(current) > 0;
    }

    public StorageResource storage() {
        return object.storage();
    }

    public boolean shared() {
        return object.shared();
    }

    public boolean burned() {
        return object.burned();
    }

    public Map<String, String> attributes() {
        return object.attributes();
    }

    public Registration certifiedAt(Epoch epoch) {
        return new Registration(objectId, owner, unencodedLength, encodedLength, registeredEpoch, endEpoch, deletable,
                cost, Optional.of(epoch), object);
    }

    /** This registration with its storage extended to {@code newEnd}. */
    public Registration extendedTo(Epoch newEnd) {
        StorageResource storage = object.storage().extendedTo(newEnd);
        return new Registration(objectId, owner, unencodedLength, encodedLength, registeredEpoch, newEnd, deletable,
                cost, certifiedEpoch, new ObjectDetails(storage, object.shared(), object.burned(), object.attributes()));
    }

    public Registration ownedBy(String newOwner) {
        return new Registration(objectId, newOwner, unencodedLength, encodedLength, registeredEpoch, endEpoch,
                deletable, cost, certifiedEpoch, object);
    }

    public Registration withObject(ObjectDetails details) {
        return new Registration(objectId, owner, unencodedLength, encodedLength, registeredEpoch, endEpoch, deletable,
                cost, certifiedEpoch, details);
    }
}
