package io.floe.encoding.index;

/** Index of a primary or secondary sliver, in [0, n): a row (primary) or column (secondary) of the expanded matrix. */
public record SliverIndex(int value) {
    public SliverIndex {
        Indices.checkRange("sliver index", value);
    }
}
