package io.floe.api.node;

import java.net.URI;

/**
 * A storage node answered a request with something other than success: a non-2xx status (with the error JSON's
 * code and message when the body had them), or a 2xx body that is not what the API promises (status kept, code
 * {@value #MALFORMED_RESPONSE}). Transport failures (timeouts, refused connections) are not this type: they stay
 * the {@link java.io.IOException} or {@link java.util.concurrent.TimeoutException} that caused them.
 */
public final class NodeRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Code of a success status whose body does not parse. */
    public static final String MALFORMED_RESPONSE = "MALFORMED_RESPONSE";

    private final int status;
    private final URI nodeUrl;
    private final String code;
    private final String errorMessage;

    public NodeRequestException(URI nodeUrl, String request, int status, String code, String errorMessage) {
        super(request + " on " + nodeUrl + " answered " + status + (code.isEmpty() ? "" : " " + code) + ": "
                + errorMessage);
        this.status = status;
        this.nodeUrl = nodeUrl;
        this.code = code;
        this.errorMessage = errorMessage;
    }

    /** The HTTP status the node answered. */
    public int status() {
        return status;
    }

    public URI nodeUrl() {
        return nodeUrl;
    }

    /** The error JSON's {@code code} ({@code SHARD_NOT_ASSIGNED}, {@code INVALID_SLIVER}, ...), or "" when there was none. */
    public String code() {
        return code;
    }

    /** The error JSON's {@code message}, or the raw body when it was not error JSON. */
    public String errorMessage() {
        return errorMessage;
    }
}
