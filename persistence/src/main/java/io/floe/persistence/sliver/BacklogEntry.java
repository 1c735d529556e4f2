package io.floe.persistence.sliver;

import io.floe.encoding.metadata.BlobId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A certified blob this node still has to heal: what it waits for, how often it was tried, and when it is due again.
 *
 * @param attempts recoveries tried so far (0: not yet tried, it waits for the writer's grace period)
 * @param dueMillis when to try next, in milliseconds since the epoch
 * @param reason why the last attempt did not finish ("" before the first)
 */
public record BacklogEntry(BlobId blobId, Kind kind, int attempts, long dueMillis, String reason) {
    private static final byte VERSION = 1;
    /** Bounds a stored reason; a peer's error text can be long. */
    private static final int MAX_REASON_BYTES = 512;

    /** What the next attempt does. */
    public enum Kind {
        /** Fetch and rebuild whatever the node lacks of the blob. */
        RECOVER,
        /** The blob was found inconsistent: get it marked invalid (rebuild again if the proof is not at hand). */
        REPORT
    }

    public BacklogEntry {
        Objects.requireNonNull(blobId, "blobId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
        }
    }

    /** A blob found lacking something, first due at {@code dueMillis}. */
    public static BacklogEntry fresh(BlobId blobId, long dueMillis) {
        return new BacklogEntry(blobId, Kind.RECOVER, 0, dueMillis, "");
    }

    /** The entry after one more attempt that did not finish. */
    public BacklogEntry retried(Kind next, long nextDueMillis, String why) {
        return new BacklogEntry(blobId, next, attempts + 1, nextDueMillis, why);
    }

    byte[] toBytes() {
        byte[] why = reason.getBytes(StandardCharsets.UTF_8);
        why = Arrays.copyOf(why, Math.min(why.length, MAX_REASON_BYTES));
        return ByteBuffer.allocate(1 + 1 + 4 + 8 + why.length).put(VERSION).put((byte) kind.ordinal())
            .putInt(attempts).putLong(dueMillis).put(why).array();
    }

    static BacklogEntry fromBytes(BlobId blobId, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 14 || in.get() != VERSION || in.get(1) < 0 || in.get(1) >= Kind.values().length) {
            throw new SliverStoreException("backlog entry of blob " + blobId + " is not one Floe wrote", true);
        }
        Kind kind = Kind.values()[in.get()];
        int attempts = in.getInt();
        long due = in.getLong();
        String why = new String(bytes, 14, bytes.length - 14, StandardCharsets.UTF_8);
        return new BacklogEntry(blobId, kind, Math.max(0, attempts), due, why);
    }
}
