package io.floe.protocol.signing;

/**
 * Bytes that are not a protocol message Floe accepts: truncated, trailing bytes, a wrong intent version or app
 * ID, an intent or blob type it does not know, or an epoch beyond Floe's range.
 *
 * <p>Invariant: {@link #offset()} is where in the message the offending value starts, and {@link #problem()}
 * says which check failed, so a node can tell a peer exactly what was wrong.
 */
public final class MalformedProtocolMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Problem {
        TRUNCATED,
        TRAILING_BYTES,
        WRONG_INTENT_VERSION,
        WRONG_APP_ID,
        UNSUPPORTED_INTENT,
        UNKNOWN_BLOB_TYPE,
        EPOCH_OUT_OF_RANGE,
        /** An enum tag (a request version, a sliver type) the layout does not define. */
        UNKNOWN_VARIANT
    }

    private final Problem problem;
    private final int offset;

    public MalformedProtocolMessageException(Problem problem, String detail, int offset) {
        super(problem + ": " + detail + " at offset " + offset);
        this.problem = problem;
        this.offset = offset;
    }

    public Problem problem() {
        return problem;
    }

    /** Offset in the message of the value that failed the check. */
    public int offset() {
        return offset;
    }
}
