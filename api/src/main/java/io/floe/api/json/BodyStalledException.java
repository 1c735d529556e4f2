package io.floe.api.json;

import java.time.Duration;

/** A request body that made no progress for {@code floe.http.body-idle-timeout}; answered 408. */
public final class BodyStalledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BodyStalledException(Duration idle) {
        super("the request body made no progress for " + idle.toSeconds() + " s (floe.http.body-idle-timeout)");
    }
}
