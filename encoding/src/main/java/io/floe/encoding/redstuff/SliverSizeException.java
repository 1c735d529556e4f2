package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;

/** A sliver whose symbol count or symbol size does not fit the blob's metadata. */
public final class SliverSizeException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public SliverSizeException(Sliver sliver, int expectedSymbols) {
        super(sliver + " has " + sliver.symbolCount() + " symbols, expected " + expectedSymbols);
    }

    public SliverSizeException(Sliver sliver, int expectedSymbolSize, boolean symbolSize) {
        super(sliver + " has symbol size " + sliver.symbolSize() + ", the metadata implies " + expectedSymbolSize);
    }
}
