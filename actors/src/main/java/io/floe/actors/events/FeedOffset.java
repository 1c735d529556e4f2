package io.floe.actors.events;

import java.util.Objects;
import java.util.UUID;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.persistence.query.TimeBasedUUID;

/**
 * A position in the blob event feed, in a form that can be stored as text: {@code start} (before every event),
 * {@code seq:<n>} (the embedded journal's ordering) or {@code uuid:<time-based UUID>} (Cassandra's). A feed
 * resumed from an offset delivers only events after it.
 */
public record FeedOffset(String text) {
    public static final FeedOffset START = new FeedOffset("start");

    public FeedOffset {
        Objects.requireNonNull(text, "text");
        if (!text.equals("start") && !text.startsWith("seq:") && !text.startsWith("uuid:")) {
            throw new IllegalArgumentException("not a feed offset: " + text);
        }
    }

    /** Parses a stored offset; throws {@link IllegalArgumentException} when it is not one. */
    public static FeedOffset parse(String text) {
        FeedOffset offset = new FeedOffset(text);
        offset.toPekko();
        return offset;
    }

    public static FeedOffset of(Offset offset) {
        if (offset instanceof Sequence sequence) {
            return new FeedOffset("seq:" + sequence.value());
        }
        if (offset instanceof TimeBasedUUID uuid) {
            return new FeedOffset("uuid:" + uuid.value());
        }
        if (offset.equals(Offset.noOffset())) {
            return START;
        }
        throw new IllegalArgumentException("unsupported offset type " + offset.getClass().getName());
    }

    public Offset toPekko() {
        if (text.equals("start")) {
            return Offset.noOffset();
        }
        try {
            if (text.startsWith("seq:")) {
                return Offset.sequence(Long.parseLong(text.substring(4)));
            }
            return Offset.timeBasedUUID(UUID.fromString(text.substring(5)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a feed offset: " + text, e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
