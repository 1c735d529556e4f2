package io.floe.protocol.signing;

import java.util.Optional;

/**
 * What a signed protocol message asserts: the first byte of Walrus's {@code Intent}. The codes are Walrus's and
 * never change, because signatures cover them.
 */
public enum IntentType {
    /** A node proving it holds its protocol key (registration with the ledger). */
    PROOF_OF_POSSESSION(0),
    /** "I store my slivers of this blob": a storage confirmation, aggregated into a certificate. */
    BLOB_CERT(1),
    /** "This blob ID is inconsistently encoded": aggregated into an invalid-blob certificate. */
    INVALID_BLOB_ID(2),
    /** A new shard owner's request to the old owner for a range of slivers at epoch change. */
    SYNC_SHARD(3);

    private final int code;

    IntentType(int code) {
        this.code = code;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    public static Optional<IntentType> fromCode(int code) {
        for (IntentType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
