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

    /**
     * A signed request was refused for its own fault; {@code code} says why in the HTTP API's terms:
     * {@code INVALID_SIGNATURE}, {@code INVALID_REQUEST}, {@code REQUEST_EXPIRED}, {@code REQUEST_ID_REUSED},
     * {@code NOT_OWNER}, {@code OBJECT_NOT_FOUND}, {@code BLOB_EXPIRED}, {@code NOT_CERTIFIED}, {@code NOT_DELETABLE},
     * {@code NO_FAUCET}. The first four are 400, {@code NOT_OWNER} 403, {@code OBJECT_NOT_FOUND} and
     * {@code NO_FAUCET} 404, the rest 409.
     */
    public static final class Refused extends ControlPlaneException {
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** A request refused before anything was done, with the code of its reason. */
        public static Refused of(io.floe.protocol.account.RequestRefusedException e) {
            String code;
            switch (e.reason()) {
                case INVALID_SIGNATURE, WRONG_ACCOUNT -> code = "INVALID_SIGNATURE";
                case EXPIRED -> code = "REQUEST_EXPIRED";
                case ID_REUSED -> code = "REQUEST_ID_REUSED";
                case NOT_OWNER -> code = "NOT_OWNER";
                default -> code = "INVALID_REQUEST";
            }
            return new Refused(code, e.getMessage());
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
