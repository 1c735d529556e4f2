package io.floe.encoding.metadata;

import io.floe.encoding.EncodingException;

/** Metadata or a request names an encoding type other than RS2: the retired RaptorQ Red Stuff (0) or an unknown one. */
public final class UnsupportedEncodingTypeException extends EncodingException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public UnsupportedEncodingTypeException(int code) {
        super(code == 0
            ? "encoding type RedStuff (RaptorQ) is retired and not supported"
            : "unknown encoding type " + code);
        this.code = code;
    }

    /** The encoding type byte as given. */
    public int code() {
        return code;
    }
}
