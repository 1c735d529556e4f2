package io.floe.encoding.quilt;

import io.floe.encoding.redstuff.EncodingConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a version-1 quilt exactly as Walrus's TypeScript SDK does ({@code encodeQuilt}): the same order (by
 * identifier, UTF-16 code units as JavaScript compares strings), the same smallest symbol size, the same bytes, so
 * the blob ID and every patch ID match Walrus's for the same files and shard count.
 */
public final class QuiltEncoder {
    static final int VERSION = 1;
    /** Version byte and u32 index size before the index's BCS bytes. */
    static final int INDEX_PREFIX = 5;
    /** Version byte, u32 length of everything after the header, mask byte. */
    static final int PATCH_HEADER = 6;
    static final int HAS_TAGS = 1;
    /** Walrus reads at most this many columns to find the index. */
    static final int MAX_INDEX_COLUMNS = 10;

    private QuiltEncoder() {
    }

    /**
     * The layout {@link #encode} would give {@code files} for {@code nShards} shards, computed without allocating the
     * quilt: what a caller checks against its limits first (a quilt gives every file whole columns of one symbol
     * size, so a few tiny files beside a large one make a quilt far larger than their sum).
     */
    public static Plan plan(List<QuiltFile> files, int nShards) {
        EncodingConfig config = new EncodingConfig(nShards);
        List<QuiltFile> sorted = sortedUnique(files);
        List<QuiltPatch> patches = new ArrayList<>();
        List<byte[]> headers = new ArrayList<>();
        long[] sizes = new long[sorted.size() + 1];
        for (QuiltFile f : sorted) {
            patches.add(new QuiltPatch(f.identifier(), f.tags(), 0, 1));
            byte[] header = header(f);
            headers.add(header);
            sizes[headers.size()] = (long) header.length + f.contents().length;
        }
        sizes[0] = INDEX_PREFIX + QuiltBcs.index(patches).length;
        int rows = config.primarySourceSymbols();
        int columns = config.secondarySourceSymbols();
        int symbolSize = SymbolSizeSearch.smallest(sizes, columns, rows, MAX_INDEX_COLUMNS);
        return new Plan(nShards, sorted, headers, sizes, rows, columns, symbolSize);
    }

    /** The quilt of {@code files} for {@code nShards} shards. */
    public static Quilt encode(List<QuiltFile> files, int nShards) {
        return encode(plan(files, nShards));
    }

    /** The quilt {@code plan} lays out. */
    public static Quilt encode(Plan plan) {
        long total = plan.size();
        if (total > Integer.MAX_VALUE - 8) {
            throw new QuiltOversizeException("a quilt of " + total + " bytes does not fit one Java array");
        }
        QuiltMatrix matrix = new QuiltMatrix(new byte[(int) total], plan.rows, plan.columns, plan.symbolSize);
        int column = matrix.columnsFor(plan.sizes[0]);
        if (column > MAX_INDEX_COLUMNS) {
            throw new QuiltOversizeException("the index needs " + column + " columns, more than " + MAX_INDEX_COLUMNS);
        }
        List<QuiltFile> sorted = plan.sorted;
        List<QuiltPatch> patches = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            matrix.write(column, 0, plan.headers.get(i));
            matrix.write(column, plan.headers.get(i).length, sorted.get(i).contents());
            int end = column + matrix.columnsFor(plan.sizes[i + 1]);
            patches.add(new QuiltPatch(sorted.get(i).identifier(), sorted.get(i).tags(), column, end));
            column = end;
        }
        writeIndex(matrix, patches);
        return new Quilt(matrix.bytes, plan.nShards, patches);
    }

    /**
     * A quilt's layout before its bytes exist: the files in quilt order with their patch headers, each piece's size
     * (the index's first) and the symbol size that fits them all.
     */
    public static final class Plan {
        private final int nShards;
        private final List<QuiltFile> sorted;
        private final List<byte[]> headers;
        private final long[] sizes;
        private final int rows;
        private final int columns;
        private final int symbolSize;

        private Plan(int nShards, List<QuiltFile> sorted, List<byte[]> headers, long[] sizes, int rows,
                     int columns, int symbolSize) {
            this.nShards = nShards;
            this.sorted = sorted;
            this.headers = headers;
            this.sizes = sizes;
            this.rows = rows;
            this.columns = columns;
            this.symbolSize = symbolSize;
        }

        /** The quilt blob's size in bytes: every symbol of the {@code rows x columns} matrix. */
        public long size() {
            return (long) symbolSize * rows * columns;
        }

        public int symbolSize() {
            return symbolSize;
        }
    }

    private static List<QuiltFile> sortedUnique(List<QuiltFile> files) {
        if (files.isEmpty()) {
            throw new InvalidQuiltInputException("a quilt holds at least one file");
        }
        List<QuiltFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(QuiltFile::identifier));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).identifier().equals(sorted.get(i - 1).identifier())) {
                throw new InvalidQuiltInputException("duplicate identifier: '" + sorted.get(i).identifier() + "'");
            }
        }
        return sorted;
    }

    /** Header, u16 identifier size, identifier, and when there are tags, u16 tags size and tags. */
    private static byte[] header(QuiltFile file) {
        byte[] identifier = QuiltBcs.string(file.identifier());
        byte[] tags = file.tags().isEmpty() ? new byte[0] : QuiltBcs.tags(file.tags());
        if (tags.length > 0xFFFF) {
            throw new InvalidQuiltInputException("the tags of '" + file.identifier() + "' take " + tags.length
                    + " bytes, more than their u16 size field holds");
        }
        int size = PATCH_HEADER + 2 + identifier.length + (tags.length > 0 ? 2 + tags.length : 0);
        long length = (long) size - PATCH_HEADER + file.contents().length;
        if (length > 0xFFFF_FFFFL) {
            throw new QuiltOversizeException("'" + file.identifier() + "' is too large for a quilt patch");
        }
        byte[] out = new byte[size];
        out[0] = VERSION;
        putLittleEndian(out, 1, length, 4);
        out[5] = (byte) (tags.length > 0 ? HAS_TAGS : 0);
        putLittleEndian(out, 6, identifier.length, 2);
        System.arraycopy(identifier, 0, out, 8, identifier.length);
        if (tags.length > 0) {
            putLittleEndian(out, 8 + identifier.length, tags.length, 2);
            System.arraycopy(tags, 0, out, 10 + identifier.length, tags.length);
        }
        return out;
    }

    private static void writeIndex(QuiltMatrix matrix, List<QuiltPatch> patches) {
        byte[] index = QuiltBcs.index(patches);
        byte[] prefix = new byte[INDEX_PREFIX];
        prefix[0] = VERSION;
        putLittleEndian(prefix, 1, index.length, 4);
        matrix.write(0, 0, prefix);
        matrix.write(0, INDEX_PREFIX, index);
    }

    static void putLittleEndian(byte[] out, int at, long value, int width) {
        for (int i = 0; i < width; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
