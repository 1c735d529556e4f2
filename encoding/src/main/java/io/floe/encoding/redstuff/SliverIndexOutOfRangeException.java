package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;

/** A sliver or symbol index at or beyond the blob's shard count, as a peer's bytes may claim. */
public final class SliverIndexOutOfRangeException extends EncodingException {
    private static final long serialVersionUID = 1L;
    private final SliverType type;
    private final int index;
    private final int nShards;

    public SliverIndexOutOfRangeException(SliverType type, int index, int nShards) {
        super(type.pathName() + " sliver index " + index + " is outside [0, " + nShards + ")");
        this.type = type;
        this.index = index;
        this.nShards = nShards;
    }

    /** Returns {@code index} if it is below {@code nShards}; throws this exception otherwise. */
    static SliverIndex check(SliverType type, SliverIndex index, int nShards) {
        if (index.value() >= nShards) {
            throw new SliverIndexOutOfRangeException(type, index.value(), nShards);
        }
        return index;
    }

    public SliverType type() {
        return type;
    }

    public int index() {
        return index;
    }

    public int nShards() {
        return nShards;
    }
}
