package io.floe.encoding.quilt;

import io.floe.encoding.metadata.BlobId;
import java.util.Arrays;
import java.util.Base64;

/**
 * A quilt patch's ID: the quilt's blob ID, then Walrus's {@code QuiltPatchInternalIdV1} (version byte 1, start and
 * end column as u16 LE), 37 bytes shown as URL-safe base64 without padding (50 characters). Only the canonical text
 * parses, so each patch has one ID. Invariant: {@code 0 <= startIndex < endIndex <= 65535}.
 */
public record QuiltPatchId(BlobId quiltId, int startIndex, int endIndex) {
    static final int VERSION = 1;
    private static final int LENGTH = BlobId.LENGTH + 5;

    public QuiltPatchId {
        if (startIndex < 0 || endIndex > 0xFFFF || startIndex >= endIndex) {
            throw new InvalidQuiltPatchIdException("a patch spans columns [start, end) with 0 <= start < end <= "
                    + "65535, got [" + startIndex + ", " + endIndex + ")");
        }
    }

    /** Parses the text Walrus prints; refuses other lengths, versions and non-canonical base64. */
    public static QuiltPatchId parse(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidQuiltPatchIdException("not URL-safe base64: '" + text + "'");
        }
        if (bytes.length != LENGTH || text.endsWith("=")) {
            throw new InvalidQuiltPatchIdException("a quilt patch ID is " + LENGTH + " bytes (50 base64 characters), "
                    + "got '" + text + "'");
        }
        if (bytes[BlobId.LENGTH] != VERSION) {
            throw new InvalidQuiltPatchIdException("unsupported quilt version " + bytes[BlobId.LENGTH] + " in '"
                    + text + "'");
        }
        QuiltPatchId id = new QuiltPatchId(BlobId.of(Arrays.copyOf(bytes, BlobId.LENGTH)), u16(bytes, 33), u16(bytes, 35));
        if (!id.toString().equals(text)) {
            throw new InvalidQuiltPatchIdException("not the canonical text of a patch ID: '" + text + "', canonical "
                    + id);
        }
        return id;
    }

    /** The 37 bytes. */
    public byte[] bytes() {
        byte[] out = Arrays.copyOf(quiltId.bytes(), LENGTH);
        out[32] = VERSION;
        out[33] = (byte) startIndex;
        out[34] = (byte) (startIndex >>> 8);
        out[35] = (byte) endIndex;
        out[36] = (byte) (endIndex >>> 8);
        return out;
    }

    @Override
    public String toString() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes());
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }
}
