package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;
import io.floe.encoding.index.SliverType;

/** A sliver or symbol whose symbol count or byte size does not fit the blob's metadata. */
public final class SliverSizeException extends EncodingException {
    private static final long serialVersionUID = 1L;

    private SliverSizeException(String message) {
        super(message);
    }

    /** The sliver has a symbol count other than the np or ns its type needs. */
    public static SliverSizeException symbolCount(Sliver sliver, int expectedSymbols) {
        return new SliverSizeException(sliver + " has " + sliver.symbolCount() + " symbols, expected "
            + expectedSymbols);
    }

    /** The sliver's symbols are not the size the metadata's blob length implies. */
    public static SliverSizeException symbolSize(Sliver sliver, int expectedSymbolSize) {
        return new SliverSizeException(sliver + " has symbol size " + sliver.symbolSize()
            + ", the metadata implies " + expectedSymbolSize);
    }

    /** A decoding symbol for a {@code targetType} sliver has {@code bytes} bytes, not the blob's symbol size. */
    public static SliverSizeException decodingSymbol(SliverType targetType, int bytes, int expectedSymbolSize) {
        return new SliverSizeException("a decoding symbol for a " + targetType.pathName() + " sliver has " + bytes
            + " bytes, the metadata implies " + expectedSymbolSize);
    }
}
