package io.floe.actors.blob;

import io.floe.protocol.account.RequestRefusedException;

/**
 * A blob object request the entity refuses, persisting nothing. Its message is the reply's error text,
 * {@code REASON: message}, where REASON is a {@link RequestRefusedException.Reason} name or one of the entity's own
 * ({@link #NOT_FOUND}, ...), which the control plane maps to an HTTP answer.
 */
final class ObjectRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String NOT_FOUND = "NOT_FOUND";
    static final String EXPIRED_BLOB = "EXPIRED_BLOB";
    static final String NOT_CERTIFIED = "NOT_CERTIFIED";
    static final String NOT_DELETABLE = "NOT_DELETABLE";
    static final String NO_ATTRIBUTES = "NO_ATTRIBUTES";
    /** No committee is known here yet: the request was not judged and may succeed later (503, not a refusal). */
    static final String UNAVAILABLE = "UNAVAILABLE";

    ObjectRefusal(String reason, String message) {
        // No stack trace: a refusal is an answer, not a failure.
        super(reason + ": " + message, null, false, false);
    }

    ObjectRefusal(RequestRefusedException.Reason reason, String message) {
        this(reason.name(), message);
    }

    static ObjectRefusal of(RequestRefusedException e) {
        return new ObjectRefusal(e.reason(), e.getMessage());
    }
}
