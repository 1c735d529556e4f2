package io.floe.protocol.blob;

import io.floe.protocol.committee.Epoch;
import java.util.Optional;

/**
 * One registration of a blob (a Walrus blob object): who paid for how long, and whether it is certified.
 *
 * @param encodedLength Walrus's encoded length, the size storage is charged for
 * @param certifiedEpoch the epoch of its point of availability, empty until certified
 */
public record Registration(ObjectId objectId, String owner, long unencodedLength, long encodedLength,
                           Epoch registeredEpoch, Epoch endEpoch, boolean deletable, long cost,
                           Optional<Epoch> certifiedEpoch) {
    public boolean certified() {
        return certifiedEpoch.isPresent();
    }

    public Registration certifiedAt(Epoch epoch) {
        return new Registration(objectId, owner, unencodedLength, encodedLength, registeredEpoch, endEpoch, deletable,
                cost, Optional.of(epoch));
    }
}
