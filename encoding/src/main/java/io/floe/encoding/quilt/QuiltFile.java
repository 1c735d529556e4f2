package io.floe.encoding.quilt;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A file in a quilt: its identifier (unique in the quilt), its bytes and its tags. The identifier follows Walrus's
 * rules ({@code validate_quilt_identifier}): not empty, no trailing whitespace, no control characters, and its BCS
 * form shorter than 65535 bytes. Tags are an unmodifiable sorted copy; contents are not copied.
 */
public record QuiltFile(String identifier, byte[] contents, SortedMap<String, String> tags) {
    /** A u16 holds the length of the identifier's BCS bytes, and Walrus refuses the maximum itself. */
    static final int MAX_IDENTIFIER_BCS_BYTES = 65534;

    public QuiltFile {
        requireValidIdentifier(identifier);
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    public QuiltFile(String identifier, byte[] contents) {
        this(identifier, contents, new TreeMap<>());
    }

    /** Throws {@link InvalidQuiltInputException} when Walrus would refuse {@code identifier}. */
    public static void requireValidIdentifier(String identifier) {
        if (identifier.isEmpty()) {
            throw new InvalidQuiltInputException("a quilt file's identifier is empty");
        }
        if (QuiltBcs.string(identifier).length > MAX_IDENTIFIER_BCS_BYTES) {
            throw new InvalidQuiltInputException("identifier too long: " + identifier.getBytes(StandardCharsets.UTF_8)
                    .length + " bytes");
        }
        int last = identifier.codePointBefore(identifier.length());
        if (whitespace(last)) {
            throw new InvalidQuiltInputException("identifier ends with whitespace: '" + identifier + "'");
        }
        if (identifier.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidQuiltInputException("identifier contains control characters: '"
                    + identifier.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /** Unicode's White_Space, as Rust's {@code trim_end} uses it (Java's isWhitespace leaves out no-break spaces). */
    private static boolean whitespace(int cp) {
        return Character.isWhitespace(cp) || cp == 0x00A0 || cp == 0x2007 || cp == 0x202F || cp == 0x0085;
    }
}
