package io.floe.encoding.redstuff;

import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import java.util.Arrays;

/**
 * One primary sliver (a row of ns symbols) or secondary sliver (a column of np symbols) of a blob's expanded matrix.
 * Invariant: {@code data.length} is a whole number of even-sized symbols. Serialized as Walrus's BCS
 * {@code SliverData { symbols: { data: vector<u8>, symbol_size: u16 }, index: u16 }}; the type is not part of the
 * bytes (Walrus keeps it in the Rust type), so readers say which one they expect.
 *
 * <p>Slivers are large and pass through many hands, so neither the constructor nor {@link #data()} copies: the
 * array is the sliver's own and nobody may write to it once the sliver exists.
 */
public record Sliver(SliverType type, SliverIndex index, int symbolSize, byte[] data) {
    public Sliver {
        String problem = shapeProblem(symbolSize, data.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why {@code bytes} bytes of {@code symbolSize}-byte symbols cannot be a sliver, or null when they can. */
    private static String shapeProblem(int symbolSize, int bytes) {
        if (symbolSize < 2 || symbolSize % 2 != 0 || symbolSize > EncodingConfig.MAX_SYMBOL_SIZE) {
            return "symbol size must be even and in [2, 65534], got " + symbolSize;
        }
        if (bytes % symbolSize != 0) {
            return "sliver of " + bytes + " bytes is not a whole number of " + symbolSize + "-byte symbols";
        }
        return null;
    }

    /** Number of symbols in this sliver. */
    public int symbolCount() {
        return data.length / symbolSize;
    }

    /** Copy of symbol {@code i}. */
    public byte[] symbol(int i) {
        return Arrays.copyOfRange(data, i * symbolSize, (i + 1) * symbolSize);
    }

    /** Walrus's {@code SliverData} BCS, in one array of exactly {@link #bcsSize()} bytes. */
    public byte[] toBcs() {
        return new BcsWriter(bcsSize()).bytes(data).u16(symbolSize).u16(index.value()).toByteArray();
    }

    /** Size of {@link #toBcs()}. */
    public int bcsSize() {
        return bcsSize(data.length);
    }

    /** Size of the {@code SliverData} BCS of a sliver of {@code dataBytes}: the length prefix, the data, two u16. */
    public static int bcsSize(int dataBytes) {
        return BcsWriter.uleb128Size(dataBytes) + dataBytes + 4;
    }

    /** Reads Walrus's {@code SliverData}; the whole input must be consumed. */
    public static Sliver fromBcs(SliverType type, byte[] bcs) {
        return fromBcs(type, bcs, 0, bcs.length);
    }

    /**
     * Reads Walrus's {@code SliverData} from {@code bcs[offset, offset + length)}, all of which must be consumed: a
     * sliver inside a larger body (a batch) is read without copying it out first.
     */
    public static Sliver fromBcs(SliverType type, byte[] bcs, int offset, int length) {
        BcsReader in = new BcsReader(bcs, offset, Math.addExact(offset, length));
        byte[] data = in.bytes();
        int sizeAt = in.position();
        int symbolSize = in.u16();
        SliverIndex index = readIndex(in);
        in.expectEnd();
        String problem = shapeProblem(symbolSize, data.length);
        if (problem != null) {
            throw new BcsException(problem, sizeAt);
        }
        return new Sliver(type, index, symbolSize, data);
    }

    /** A u16 sliver index; 65535 is a valid u16 but no index (n is at most 65535). */
    static SliverIndex readIndex(BcsReader in) {
        int at = in.position();
        int index = in.u16();
        if (index > SliverIndex.MAX) {
            throw new BcsException("sliver index " + index + " is out of range", at);
        }
        return new SliverIndex(index);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sliver other && type == other.type && index.equals(other.index)
            && symbolSize == other.symbolSize && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + index.hashCode()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return type.pathName() + " sliver " + index.value() + " (" + data.length + " bytes, symbol " + symbolSize + ")";
    }
}
