package io.floe.api.gateway;

import io.floe.encoding.metadata.BlobId;

/** Too few storage nodes answered with valid slivers to rebuild the blob right now. */
public final class NotEnoughSliversAvailableException extends RuntimeException {
    public NotEnoughSliversAvailableException(BlobId id, int got, int needed) {
        this(id, "verified primary slivers", got, needed);
    }

    /** As above, for {@code what} (recovery symbols, say) the read needed. */
    public NotEnoughSliversAvailableException(BlobId id, String what, int got, int needed) {
        super("only " + got + " of the " + needed + " " + what + " needed for " + id
                + " could be fetched; too many storage nodes are unreachable");
    }
}
