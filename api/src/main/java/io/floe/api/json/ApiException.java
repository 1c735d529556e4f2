package io.floe.api.json;

/**
 * A request the API refuses, with the HTTP status, the machine-readable reason and a message that helps the caller
 * act (a wrong-node answer names the owner). Routes throw or fail with it; {@link ApiErrors} turns it into Walrus's
 * error JSON: the status as {@code code}, the reason as {@code details[0].reason}.
 *
 * <p>The reason is the {@code code} unless given apart: Walrus clients key on some reasons (the TS SDK maps 400 +
 * {@code NOT_REGISTERED} to {@code BlobNotRegisteredError}), and a Java caller may keep its own {@link #code()} for
 * the same refusal. Only the reason reaches the wire.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String reason;
    private final String domain;
    private final java.util.Map<String, Object> metadata;

    public ApiException(int status, String code, String message) {
        this(status, code, code, message);
    }

    public ApiException(int status, String code, String reason, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error has a 4xx or 5xx status, got " + status);
        }
        this.status = status;
        this.code = code;
        this.reason = reason;
        this.domain = null;
        this.metadata = java.util.Map.of();
    }

    private ApiException(ApiException base, String domain, java.util.Map<String, Object> metadata) {
        super(base.getMessage());
        this.status = base.status;
        this.code = base.code;
        this.reason = base.reason;
        this.domain = domain;
        this.metadata = java.util.Map.copyOf(metadata);
    }

    /**
     * The same refusal in Walrus's {@code ErrorInfo} terms: its {@code domain} (such as {@code storage.walrus.space}
     * for a reason Walrus's storage node gives) and {@code metadata} (such as {@code {"shard":0,"epoch":17}}).
     */
    public ApiException withDetails(String errorDomain, java.util.Map<String, Object> errorMetadata) {
        return new ApiException(this, errorDomain, errorMetadata);
    }

    /** The {@code ErrorInfo} domain this refusal names, or empty for the API's default one. */
    public java.util.Optional<String> domain() {
        return java.util.Optional.ofNullable(domain);
    }

    /** The {@code ErrorInfo} metadata, empty when the refusal has none. */
    public java.util.Map<String, Object> metadata() {
        return metadata;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
