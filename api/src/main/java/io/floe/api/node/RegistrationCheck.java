package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a blob may be stored or confirmed now: it needs a registration whose end epoch (exclusive) is after the
 * current epoch. Refusals are 400 with code {@value #BLOB_NOT_REGISTERED} and Walrus's reason
 * {@code NOT_REGISTERED}, which the {@code @mysten/walrus} client turns into its {@code BlobNotRegisteredError}
 * (a 403 or 409 would lose that).
 */
final class RegistrationCheck {
    static final String BLOB_NOT_REGISTERED = "BLOB_NOT_REGISTERED";
    private static final String WALRUS_REASON = "NOT_REGISTERED";

    private RegistrationCheck() {
    }

    /** Any active registration (metadata may be stored for any of them). */
    static void requireAny(BlobRecord record, Epoch current) {
        require(record, current, r -> true, "");
    }

    /** An active permanent registration. */
    static void requirePermanent(BlobRecord record, Epoch current) {
        require(record, current, r -> !r.deletable(), " as a permanent blob");
    }

    /** The active deletable registration with this object ID. */
    static void requireDeletable(BlobRecord record, Epoch current, ObjectId objectId) {
        refuseInvalid(record);
        Optional<Registration> registration = record.registration(objectId);
        if (registration.isEmpty() || !registration.get().deletable() || !isActive(registration.get(), current)) {
            throw notRegistered(record, " as a deletable blob with object ID " + objectId, current);
        }
    }

    private static void require(BlobRecord record, Epoch current, Predicate<Registration> kind, String what) {
        refuseInvalid(record);
        if (record.registrations().stream().noneMatch(r -> kind.test(r) && isActive(r, current))) {
            throw notRegistered(record, what, current);
        }
    }

    /** Nothing of an invalid blob is stored or confirmed: its registrations can never be certified. */
    private static void refuseInvalid(BlobRecord record) {
        if (record.invalid()) {
            throw ApiException.conflict(InconsistencyEndpoint.BLOB_INVALID, "invalid blob: " + record.blobId()
                    + " was marked invalid (its writer encoded it inconsistently); nothing of it is stored");
        }
    }

    private static boolean isActive(Registration r, Epoch current) {
        return r.endEpoch().compareTo(current) > 0;
    }

    private static ApiException notRegistered(BlobRecord record, String what, Epoch current) {
        return new ApiException(400, BLOB_NOT_REGISTERED, WALRUS_REASON, "blob " + record.blobId()
                + " is not registered" + what + " (or its registration expired) in epoch " + current);
    }
}
