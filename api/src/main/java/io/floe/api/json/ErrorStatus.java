package io.floe.api.json;

import java.util.Optional;

/**
 * Walrus's error {@code status} names ({@code StatusCode} in walrus-storage-node-client {@code api/errors.rs}), each
 * with the one HTTP status Walrus sends it with. Invariant: an error answer's {@code code} and {@code status} are
 * one of these pairs whenever its HTTP status is one Walrus answers errors with; several names share a status (400
 * is {@link #INVALID_ARGUMENT} or {@link #FAILED_PRECONDITION}), so the reason picks ({@link ErrorReasons}).
 */
public enum ErrorStatus {
    UNAVAILABLE_FOR_LEGAL_REASONS(451),
    INVALID_ARGUMENT(400),
    NOT_FOUND(404),
    FAILED_PRECONDITION(400),
    PERMISSION_DENIED(403),
    SIZE_EXCEEDED(403),
    INTERNAL(500),
    DEADLINE_EXCEEDED(504),
    UNAUTHENTICATED(401),
    RANGE_NOT_SATISFIABLE(416),
    RESOURCE_EXHAUSTED(429),
    UNAVAILABLE(503);

    private final int http;

    ErrorStatus(int http) {
        this.http = http;
    }

    public int http() {
        return http;
    }

    /**
     * The name Walrus gives an HTTP status when nothing more specific is known: the first of its names for it
     * ({@code INVALID_ARGUMENT} for 400, {@code PERMISSION_DENIED} for 403); empty for a status Walrus never answers
     * an error with (402, 405, 409, 413, ...).
     */
    public static Optional<ErrorStatus> defaultFor(int http) {
        for (ErrorStatus status : values()) {
            if (status.http == http) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
