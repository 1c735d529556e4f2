package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverPairIndex;

/** What one shard stores of a blob: primary sliver i and secondary sliver n-1-i. */
public record SliverPair(SliverPairIndex index, Sliver primary, Sliver secondary) {
}
