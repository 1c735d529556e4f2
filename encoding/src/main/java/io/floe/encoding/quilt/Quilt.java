package io.floe.encoding.quilt;

import java.util.List;

/**
 * An encoded quilt: the blob's bytes (a whole {@code np x ns} symbol matrix) for {@code nShards} shards, and its
 * index, one patch per file in identifier order. The bytes are not copied.
 */
public record Quilt(byte[] bytes, int nShards, List<QuiltPatch> patches) {
    public Quilt {
        patches = List.copyOf(patches);
    }
}
