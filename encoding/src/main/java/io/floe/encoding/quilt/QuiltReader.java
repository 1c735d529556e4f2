package io.floe.encoding.quilt;

import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.redstuff.EncodingConfig;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a version-1 quilt from its blob's bytes, as Walrus's readers do, trusting nothing in them: the index is
 * checked (sizes, column ranges in order and inside the matrix) when the reader is made, and each patch's header
 * when it is read. Anything that does not hold throws {@link QuiltFormatException}.
 */
public final class QuiltReader {
    private final QuiltMatrix matrix;
    private final List<QuiltPatch> patches;

    private QuiltReader(QuiltMatrix matrix) {
        this.matrix = matrix;
        this.patches = readIndex();
    }

    /** A reader of {@code blob}, a quilt stored for {@code nShards} shards. */
    public static QuiltReader of(byte[] blob, int nShards) {
        EncodingConfig config = new EncodingConfig(nShards);
        int rows = config.primarySourceSymbols();
        int columns = config.secondarySourceSymbols();
        long symbols = (long) rows * columns;
        if (blob.length == 0 || blob.length % symbols != 0) {
            throw new QuiltFormatException("a quilt fills whole " + rows + " x " + columns + " symbol matrices; "
                    + blob.length + " bytes do not");
        }
        return new QuiltReader(new QuiltMatrix(blob, rows, columns, (int) (blob.length / symbols)));
    }

    /** The index: one patch per file, in identifier order. */
    public List<QuiltPatch> patches() {
        return patches;
    }

    /** The patch named {@code identifier}, if the quilt has one. */
    public Optional<QuiltPatch> patch(String identifier) {
        return patches.stream().filter(p -> p.identifier().equals(identifier)).findFirst();
    }

    /** The patch at exactly these columns, if the quilt has one. */
    public Optional<QuiltPatch> patch(int startIndex, int endIndex) {
        return patches.stream().filter(p -> p.startIndex() == startIndex && p.endIndex() == endIndex).findFirst();
    }

    /** The file of {@code patch}, read from its columns; its header must agree with the index and stay inside. */
    public QuiltFile read(QuiltPatch patch) {
        byte[] header = matrix.read(patch.startIndex(), 0, QuiltEncoder.PATCH_HEADER + 2);
        if (header[0] != QuiltEncoder.VERSION) {
            throw new QuiltFormatException("patch at column " + patch.startIndex() + " has version " + header[0]);
        }
        long length = littleEndian(header, 1, 4);
        boolean hasTags = (header[5] & QuiltEncoder.HAS_TAGS) != 0;
        long span = (long) (patch.endIndex() - patch.startIndex()) * matrix.columnSize();
        if (QuiltEncoder.PATCH_HEADER + length > span) {
            throw new QuiltFormatException("patch at column " + patch.startIndex() + " claims " + length
                    + " bytes, more than its " + (patch.endIndex() - patch.startIndex()) + " columns hold");
        }
        long offset = QuiltEncoder.PATCH_HEADER;
        int identifierSize = (int) littleEndian(header, 6, 2);
        String identifier = string(matrix.read(patch.startIndex(), offset + 2, identifierSize));
        offset += 2 + identifierSize;
        SortedMap<String, String> tags = new TreeMap<>();
        if (hasTags) {
            int tagsSize = (int) littleEndian(matrix.read(patch.startIndex(), offset, 2), 0, 2);
            tags = tags(matrix.read(patch.startIndex(), offset + 2, tagsSize));
            offset += 2 + tagsSize;
        }
        long contents = QuiltEncoder.PATCH_HEADER + length - offset;
        if (contents < 0 || !identifier.equals(patch.identifier())) {
            throw new QuiltFormatException("patch at column " + patch.startIndex() + " has a header that does not "
                    + "match the index");
        }
        try {
            return new QuiltFile(identifier, matrix.read(patch.startIndex(), offset, (int) contents), tags);
        } catch (InvalidQuiltInputException e) {
            throw new QuiltFormatException("patch at column " + patch.startIndex() + ": " + e.getMessage());
        }
    }

    private List<QuiltPatch> readIndex() {
        byte[] prefix = matrix.read(0, 0, QuiltEncoder.INDEX_PREFIX);
        if (prefix[0] != QuiltEncoder.VERSION) {
            throw new QuiltFormatException("not a version-1 quilt: its first byte is " + (prefix[0] & 0xFF));
        }
        long size = littleEndian(prefix, 1, 4);
        // Walrus reads the index from at most MAX_INDEX_COLUMNS columns, and never past the matrix's last one.
        long max = Math.min(QuiltEncoder.MAX_INDEX_COLUMNS, matrix.columns) * matrix.columnSize()
                - QuiltEncoder.INDEX_PREFIX;
        if (size < 0 || size > max) {
            throw new QuiltFormatException("quilt index of " + size + " bytes, more than " + max + " fit");
        }
        int first = matrix.columnsFor(QuiltEncoder.INDEX_PREFIX + size);
        List<QuiltPatch> index;
        try {
            index = QuiltBcs.readIndex(matrix.read(0, QuiltEncoder.INDEX_PREFIX, (int) size), first);
        } catch (BcsException e) {
            throw new QuiltFormatException("the quilt index does not parse: " + e.getMessage());
        }
        for (QuiltPatch p : index) {
            if (p.startIndex() >= p.endIndex() || p.endIndex() > matrix.columns) {
                throw new QuiltFormatException("patch '" + p.identifier() + "' spans columns [" + p.startIndex() + ", "
                        + p.endIndex() + ") of " + matrix.columns);
            }
        }
        return List.copyOf(index);
    }

    private static String string(byte[] bcs) {
        BcsReader in = new BcsReader(bcs);
        try {
            String s = QuiltBcs.readString(in);
            in.expectEnd();
            return s;
        } catch (BcsException e) {
            throw new QuiltFormatException("a patch identifier does not parse: " + e.getMessage());
        }
    }

    private static SortedMap<String, String> tags(byte[] bcs) {
        BcsReader in = new BcsReader(bcs);
        try {
            SortedMap<String, String> tags = QuiltBcs.readTags(in);
            in.expectEnd();
            return tags;
        } catch (BcsException e) {
            throw new QuiltFormatException("patch tags do not parse: " + e.getMessage());
        }
    }

    private static long littleEndian(byte[] b, int at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
