package io.floe.encoding.index;

/** Index of a primary or secondary sliver, in [0, n): a row (primary) or column (secondary) of the expanded matrix. */
public record SliverIndex(int value) {
    /** Largest sliver index: indices are Walrus's u16 and a network has at most 65535 shards. */
    public static final int MAX = Indices.MAX - 1;

    public SliverIndex {
        Indices.checkRange("sliver index", value);
    }
}
