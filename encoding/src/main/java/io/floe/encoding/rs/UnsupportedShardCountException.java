package io.floe.encoding.rs;

import io.floe.encoding.EncodingException;

/** The (original, recovery) counts are outside what the GF(2^16) code can handle. */
public final class UnsupportedShardCountException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public UnsupportedShardCountException(int originalCount, int recoveryCount) {
        super("unsupported shard counts: " + originalCount + " original, " + recoveryCount
            + " recovery (each >= 1, min(next_pow2) + max <= 65536)");
    }
}
