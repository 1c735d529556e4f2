package io.floe.encoding.rs;

import io.floe.encoding.EncodingException;

/** Fewer shards were supplied than the code needs to restore the originals. */
public final class NotEnoughShardsException extends EncodingException {
    private static final long serialVersionUID = 1L;
    private final int received;
    private final int needed;

    public NotEnoughShardsException(int received, int needed) {
        super("not enough shards to decode: received " + received + ", need " + needed);
        this.received = received;
        this.needed = needed;
    }

    public int received() {
        return received;
    }

    public int needed() {
        return needed;
    }
}
