package io.floe.encoding.metadata;

/** Walrus's encoding types; Floe writes and accepts only RS2 (the retired RaptorQ-based Red Stuff is refused). */
public enum EncodingType {
    RED_STUFF_RAPTORQ(0),
    RS2(1);

    private final int code;

    EncodingType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EncodingType fromCode(int code) {
        if (code == RS2.code) {
            return RS2;
        }
        throw new UnsupportedEncodingTypeException(code);
    }
}
