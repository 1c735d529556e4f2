package io.floe.encoding;

/** Base of every failure the encoding library reports; each failure mode has its own subclass. */
public class EncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EncodingException(String message) {
        super(message);
    }
}
