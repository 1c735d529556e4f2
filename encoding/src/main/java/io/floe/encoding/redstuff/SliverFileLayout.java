package io.floe.encoding.redstuff;

/**
 * Where the expanded matrix of one blob lives in a sliver file: the n primary slivers (rows, ns symbols each) one
 * after another, then the n secondary slivers (columns, np symbols each) by sliver index, each contiguous so a pair
 * is two reads. While encoding, a scratch area after them holds the corner of the matrix (rows np..n-1, columns
 * ns..n-1), which no sliver carries but the hashes cover; column-major, so that an expanded column j >= ns is its
 * secondary sliver followed by its corner column.
 */
record SliverFileLayout(int n, int np, int ns, int s) {
    static SliverFileLayout of(EncodingConfig config, int s) {
        return new SliverFileLayout(config.nShards(), config.primarySourceSymbols(), config.secondarySourceSymbols(),
            s);
    }

    /** Bytes of primary sliver i. Rows below np start at the same offset in the zero-padded blob. */
    long primary(int i) {
        return (long) i * ns * s;
    }

    long secondary(int j) {
        return (long) n * ns * s + (long) j * np * s;
    }

    /** End of the slivers: the sliver file's length once the corner is dropped. */
    long sliverBytes() {
        return (long) n * (ns + np) * s;
    }

    /** Symbol i of expanded column {@code j >= ns}: in secondary sliver j for rows below np, else in the corner. */
    long column(int j, int i) {
        if (i < np) {
            return secondary(j) + (long) i * s;
        }
        return sliverBytes() + ((long) (j - ns) * (n - np) + (i - np)) * s;
    }

    /** Length of the file while encoding, corner included. */
    long fileBytes() {
        return sliverBytes() + (long) (n - ns) * (n - np) * s;
    }
}
