package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;

/** A recovery symbol whose Merkle proof does not tie its bytes to its source sliver's hash in the metadata. */
public final class SymbolProofMismatchException extends EncodingException {
    private static final long serialVersionUID = 1L;
    private final SliverType sourceType;
    private final SliverIndex sourceIndex;
    private final SliverIndex targetIndex;

    public SymbolProofMismatchException(SliverType sourceType, SliverIndex sourceIndex, SliverIndex targetIndex) {
        super("symbol " + targetIndex.value() + " of " + sourceType.pathName() + " sliver " + sourceIndex.value()
            + " does not match its proof and the blob's metadata");
        this.sourceType = sourceType;
        this.sourceIndex = sourceIndex;
        this.targetIndex = targetIndex;
    }

    public SliverType sourceType() {
        return sourceType;
    }

    public SliverIndex sourceIndex() {
        return sourceIndex;
    }

    public SliverIndex targetIndex() {
        return targetIndex;
    }
}
