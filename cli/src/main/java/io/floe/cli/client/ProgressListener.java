package io.floe.cli.client;

/**
 * Told how many bytes of a blob have moved so far. Calls come in order with a growing {@code done}; for a store they
 * come from an HTTP client thread, so an implementation must be thread-safe and must not block.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores every call. */
    ProgressListener NONE = (done, total) -> {
    };

    /** {@code done} bytes of {@code total} have moved; {@code total} is -1 when the size is not known. */
    void transferred(long done, long total);
}
