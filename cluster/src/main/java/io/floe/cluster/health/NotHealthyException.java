package io.floe.cluster.health;

/**
 * A health check's answer "no", with the reason an operator reads in the {@code /ready} or {@code /alive} body
 * (Pekko Management prints a failed check's message, where a plain {@code false} only says "not ok").
 */
public final class NotHealthyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotHealthyException(String reason) {
        super(reason, null, false, false);
    }
}
