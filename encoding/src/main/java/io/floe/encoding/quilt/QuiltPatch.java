package io.floe.encoding.quilt;

import io.floe.encoding.metadata.BlobId;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One file's entry in a quilt's index: its identifier, its tags and the columns {@code [startIndex, endIndex)} it
 * occupies (secondary sliver indices). Tags are an unmodifiable sorted copy.
 */
public record QuiltPatch(String identifier, SortedMap<String, String> tags, int startIndex, int endIndex) {
    public QuiltPatch {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    /** The patch's ID in the quilt stored as {@code quiltId}. */
    public QuiltPatchId id(BlobId quiltId) {
        return new QuiltPatchId(quiltId, startIndex, endIndex);
    }
}
