package io.floe.cli.client;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A blob's status as the gateway reports it ({@code GET /v1/blobs/{id}/status}): the overall state and every live
 * registration. {@link #json()} is the answer on one line.
 */
public record BlobStatusReport(BlobId blobId, Status status, List<Registration> registrations, String json) {
    public BlobStatusReport {
        registrations = List.copyOf(registrations);
    }

    /** The states of the wire format, in lower case there. */
    public enum Status {
        NONEXISTENT, REGISTERED, CERTIFIED, INVALID;

        /** The status named {@code wire} ({@code "certified"}), or empty for a name this client does not know. */
        static Optional<Status> fromWire(String wire) {
            for (Status status : values()) {
                if (status.wire().equals(wire)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One registration of the blob; {@code certifiedEpoch} is empty until it is certified, {@code owner} when the
     * gateway does not name one (before accounts, or nobody owns a shared or burned object).
     */
    public record Registration(ObjectId objectId, Epoch endEpoch, boolean deletable, Optional<Epoch> certifiedEpoch,
            long size, Optional<String> owner, boolean shared, boolean burned) {
        /** A registration as a gateway before accounts reports it: no owner, neither shared nor burned. */
        public Registration(ObjectId objectId, Epoch endEpoch, boolean deletable, Optional<Epoch> certifiedEpoch,
                long size) {
            this(objectId, endEpoch, deletable, certifiedEpoch, size, Optional.empty(), false, false);
        }
    }
}
