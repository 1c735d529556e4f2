package io.floe.cli.client;

import java.net.URI;
import java.time.Duration;

/**
 * Why a call to the gateway failed, one subtype per failure mode. Every message is one line, ready to print after
 * {@code error: }; failures of the local file or stream are {@link java.io.IOException}s instead.
 */
public abstract class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_MESSAGE = 500;

    private GatewayException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code text} with line breaks and control characters turned into spaces, cut at a readable length. */
    static String oneLine(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "...";
    }

    /** Nothing listens at the gateway's address, or the name does not resolve, or connecting took too long. */
    public static final class Unreachable extends GatewayException {
        private static final long serialVersionUID = 1L;
        private final transient URI gateway;

        public Unreachable(URI gateway, Throwable cause) {
            super("cannot reach the gateway at " + gateway + " (is `./floe local` running?)", cause);
            this.gateway = gateway;
        }

        public URI gateway() {
            return gateway;
        }
    }

    /** The gateway answered with an HTTP error and (usually) Walrus's {@code {"error":{...}}} body. */
    public static final class ErrorResponse extends GatewayException {
        private static final long serialVersionUID = 1L;
        private final int httpStatus;
        private final String reason;
        private final String status;
        private final String serverMessage;

        /**
         * {@code reason} (Walrus's {@code details[0].reason}) and {@code status} (its status name) may be empty when the
         * body was not Walrus's error JSON.
         */
        public ErrorResponse(int httpStatus, String reason, String status, String serverMessage) {
            super(serverMessage + " (HTTP " + httpStatus + details(httpStatus, reason, status) + ")" + hint(httpStatus),
                    null);
            this.httpStatus = httpStatus;
            this.reason = reason;
            this.status = status;
            this.serverMessage = serverMessage;
        }

        // The CLI pays from the wallet: say how to fill it (a new wallet holds nothing).
        private static String hint(int httpStatus) {
            return httpStatus == 402 ? "; fund the wallet with 'floe get-wal' on a local network" : "";
        }

        // "NOT_FOUND", plus the reason when it says more than the status does.
        private static String details(int httpStatus, String reason, String status) {
            StringBuilder sb = new StringBuilder();
            if (!status.isEmpty()) {
                sb.append(' ').append(status);
            }
            if (!reason.isEmpty() && !reason.equals(Integer.toString(httpStatus)) && !reason.equals(status)) {
                sb.append(status.isEmpty() ? " " : ", ").append(reason);
            }
            return sb.toString();
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** Walrus's {@code details[0].reason}: {@code BLOB_NOT_FOUND}, {@code INSUFFICIENT_CONFIRMATIONS}, ... */
        public String reason() {
            return reason;
        }

        public String status() {
            return status;
        }

        public String serverMessage() {
            return serverMessage;
        }
    }

    /** The request (upload, answer and download together) did not finish within the client's timeout. */
    public static final class TimedOut extends GatewayException {
        private static final long serialVersionUID = 1L;
        private final transient Duration timeout;

        public TimedOut(URI gateway, Duration timeout) {
            super("the gateway at " + gateway + " did not finish within " + timeout.toSeconds()
                + " s (raise it with --timeout SECONDS)", null);
            this.timeout = timeout;
        }

        public Duration timeout() {
            return timeout;
        }
    }

    /** The connection broke after it was made: the gateway died, closed early or sent fewer bytes than announced. */
    public static final class ConnectionLost extends GatewayException {
        private static final long serialVersionUID = 1L;

        public ConnectionLost(URI gateway, String detail, Throwable cause) {
            super("the connection to the gateway at " + gateway + " broke: " + detail, cause);
        }
    }

    /** The gateway answered 2xx with something that is not the JSON this client expects. */
    public static final class BadAnswer extends GatewayException {
        private static final long serialVersionUID = 1L;

        public BadAnswer(URI gateway, String detail) {
            super("unexpected answer from the gateway at " + gateway + ": " + detail, null);
        }
    }
}
