package io.floe.protocol.account;

import java.util.Objects;

/** A signed request refused before anything was done: why, as a {@link Reason}, and a message for the client. */
public final class RequestRefusedException extends RuntimeException {
    /** Why a request is refused; the HTTP layer maps each to one status and error code. */
    public enum Reason {
        /** The signature does not verify: 400 {@code INVALID_SIGNATURE}. */
        INVALID_SIGNATURE,
        /** The request names another account than its signer's: 400 {@code INVALID_SIGNATURE}. */
        WRONG_ACCOUNT,
        /** Not a request, no operation, a bad ID or value: 400 {@code INVALID_REQUEST}. */
        MALFORMED,
        /** Its time has passed: 400 {@code REQUEST_EXPIRED}. */
        EXPIRED,
        /** The same request ID was used for other bytes: 400 {@code REQUEST_ID_REUSED}. */
        ID_REUSED,
        /** The signer may not act on the object (not its owner, not shared): 403 {@code NOT_OWNER}. */
        NOT_OWNER
    }

    private final Reason reason;

    public RequestRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
