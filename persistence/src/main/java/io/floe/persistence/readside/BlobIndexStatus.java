package io.floe.persistence.readside;

import java.util.Locale;

/** A blob's state in the read-side, as stored and shown ({@code "certified"}). */
public enum BlobIndexStatus {
    /** Registered (paid for) but no registration has reached its point of availability yet. */
    REGISTERED,
    /** At least one registration is certified and the blob is not invalid. */
    CERTIFIED,
    /** Marked invalid by a validity certificate: never served, whatever its registrations say. */
    INVALID;

    /** The stored and shown form, in lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for text that names no status */
    public static BlobIndexStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
