package io.floe.api.control;

/** Why a control-plane call failed; each subtype maps to one HTTP status. */
public abstract class ControlPlaneException extends RuntimeException {
    protected ControlPlaneException(String message) {
        super(message);
    }

    protected ControlPlaneException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The actors did not answer within the bounded retries (a member is down or fail-over is running). */
    public static final class Unavailable extends ControlPlaneException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The paying account cannot afford the storage. */
    public static final class InsufficientFunds extends ControlPlaneException {
        public InsufficientFunds(String account, long balance, long cost) {
            super("account " + account + " has " + balance + " FROST, the storage costs " + cost);
        }
    }

    /** The request is not acceptable (unknown registration, epochs beyond the limit, ...). */
    public static final class Rejected extends ControlPlaneException {
        public Rejected(String message) {
            super(message);
        }
    }

    /** The valid confirmations do not add up to a quorum of shards. */
    public static final class NotEnoughConfirmations extends ControlPlaneException {
        public NotEnoughConfirmations(int weight, int nShards) {
            super("confirmations cover " + weight + " of " + nShards + " shards; a quorum needs 3w >= 2n+1");
        }
    }

    /** The valid INVALID_BLOB_ID signatures do not add up to validity weight. */
    public static final class NotEnoughSignatures extends ControlPlaneException {
        public NotEnoughSignatures(int weight, int nShards) {
            super("invalid-blob signatures cover " + weight + " of " + nShards + " shards; validity needs 3w >= n+1");
        }
    }
}
