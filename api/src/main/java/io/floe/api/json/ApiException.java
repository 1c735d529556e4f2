package io.floe.api.json;

/**
 * A request the API refuses, with the HTTP status, the machine-readable code and a message that helps the caller
 * act (a wrong-node answer names the owner). Routes throw or fail with it; {@link ApiErrors} turns it into the error
 * JSON.
 *
 * @param reason the Walrus {@code ErrorInfo} reason put in {@code details[0].reason}; Walrus clients key on some
 *               of them (the TS SDK maps 400 + {@code NOT_REGISTERED} to {@code BlobNotRegisteredError})
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String reason;

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
