package io.floe.encoding.quilt;

import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The BCS pieces of a quilt: strings, tag maps (keys in the order of their serialized bytes) and the index. */
final class QuiltBcs {
    private QuiltBcs() {
    }

    /** A BCS {@code String}: ULEB128 length and UTF-8 bytes. */
    static byte[] string(String value) {
        return new BcsWriter().bytes(value.getBytes(StandardCharsets.UTF_8)).toByteArray();
    }

    /**
     * A BCS {@code BTreeMap<String, String>}: entries sorted by the serialized key bytes (length prefix first), as
     * the bcs crate and {@code @mysten/bcs} order them.
     */
    static byte[] tags(Map<String, String> tags) {
        List<byte[][]> entries = new ArrayList<>();
        tags.forEach((k, v) -> entries.add(new byte[][] {string(k), string(v)}));
        entries.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        BcsWriter out = new BcsWriter().length(entries.size());
        for (byte[][] e : entries) {
            out.fixedBytes(e[0]).fixedBytes(e[1]);
        }
        return out.toByteArray();
    }

    /** {@code QuiltIndexV1}: a vector of {end_index u16, identifier, tags}; start indices are implied. */
    static byte[] index(List<QuiltPatch> patches) {
        BcsWriter out = new BcsWriter().length(patches.size());
        for (QuiltPatch p : patches) {
            out.u16(p.endIndex()).fixedBytes(string(p.identifier())).fixedBytes(tags(p.tags()));
        }
        return out.toByteArray();
    }

    /** End index, identifier and tags of each patch, in index order. */
    static List<QuiltPatch> readIndex(byte[] bytes, int firstColumn) {
        BcsReader in = new BcsReader(bytes);
        int count = in.length();
        List<QuiltPatch> patches = new ArrayList<>(Math.min(count, bytes.length));
        int start = firstColumn;
        for (int i = 0; i < count; i++) {
            int end = in.u16();
            String identifier = readString(in);
            patches.add(new QuiltPatch(identifier, readTags(in), start, end));
            start = end;
        }
        in.expectEnd();
        return patches;
    }

    static SortedMap<String, String> readTags(BcsReader in) {
        int count = in.length();
        SortedMap<String, String> tags = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int at = in.position();
            if (tags.put(readString(in), readString(in)) != null) {
                throw new BcsException("duplicate tag", at);
            }
        }
        return tags;
    }

    static String readString(BcsReader in) {
        int at = in.position();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new BcsException("string is not UTF-8", at);
        }
    }
}
