package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;

/** A sliver (or a symbol's proof) that does not hash to what the blob's metadata commits to. */
public final class SliverHashMismatchException extends EncodingException {
    private static final long serialVersionUID = 1L;
    private final SliverType type;
    private final SliverIndex index;

    public SliverHashMismatchException(SliverType type, SliverIndex index, String what) {
        super(what + " of " + type.pathName() + " sliver " + index.value() + " does not match the blob's metadata");
        this.type = type;
        this.index = index;
    }

    public SliverType type() {
        return type;
    }

    public SliverIndex index() {
        return index;
    }
}
