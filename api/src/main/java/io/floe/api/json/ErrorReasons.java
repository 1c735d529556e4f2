package io.floe.api.json;

import static io.floe.api.json.ErrorStatus.DEADLINE_EXCEEDED;
import static io.floe.api.json.ErrorStatus.FAILED_PRECONDITION;
import static io.floe.api.json.ErrorStatus.INTERNAL;
import static io.floe.api.json.ErrorStatus.INVALID_ARGUMENT;
import static io.floe.api.json.ErrorStatus.NOT_FOUND;
import static io.floe.api.json.ErrorStatus.PERMISSION_DENIED;
import static io.floe.api.json.ErrorStatus.RANGE_NOT_SATISFIABLE;
import static io.floe.api.json.ErrorStatus.RESOURCE_EXHAUSTED;
import static io.floe.api.json.ErrorStatus.SIZE_EXCEEDED;
import static io.floe.api.json.ErrorStatus.UNAUTHENTICATED;
import static io.floe.api.json.ErrorStatus.UNAVAILABLE;
import static io.floe.api.json.ErrorStatus.UNAVAILABLE_FOR_LEGAL_REASONS;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ErrorInfo} reasons Walrus's services give, with the domain and the status names Walrus gives each with
 * (read from walrus-service's daemon {@code routes.rs}, {@code auth.rs}, {@code client/utils.rs}, node
 * {@code errors.rs} and {@code server/extract.rs}). Walrus clients identify an error by (reason, domain), so a Floe
 * answer with one of these reasons carries Walrus's domain for it, and every other reason {@link #FLOE}.
 *
 * <p>Invariant: each reason has one domain. Walrus gives {@code FORBIDDEN_BLOB} both from the aggregator and the
 * storage node; Floe blocks no blob, so the table lists it once (the node's) and a route that ever gives it names the
 * domain with {@link ApiException#withDetails}.
 */
public final class ErrorReasons {
    /** Walrus's domain of errors any of its services gives (an internal error, a tripped limiter). */
    public static final String GLOBAL = "global";
    /** Walrus's storage node. */
    public static final String STORAGE_NODE = "storage.walrus.space";
    /** Walrus's aggregator and publisher (the client daemon). */
    public static final String DAEMON = "daemon.walrus.space";
    /** Walrus's publisher's JWT checks. */
    public static final String PUBLISHER_AUTH = "auth.publisher.walrus.space";
    /** Reasons only Floe gives. */
    public static final String FLOE = "floe";

    /** The aggregator knows no such blob: never stored, deleted, expired, or not certified. */
    public static final String BLOB_NOT_FOUND = "BLOB_NOT_FOUND";
    /** The blob cannot be read now (too few slivers, or its state cannot be learnt): retry with backoff. */
    public static final String BLOB_UNAVAILABLE = "BLOB_UNAVAILABLE";
    /** A byte range Walrus refuses: a malformed {@code Range}, or one outside the blob. */
    public static final String INVALID_BYTE_RANGE = "INVALID_BYTE_RANGE";
    /** A store that did not collect a quorum of confirmations in time. */
    public static final String INSUFFICIENT_CONFIRMATIONS = "INSUFFICIENT_CONFIRMATIONS";
    /** A failure inside the service (a bug or an outage), whatever the request. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private static final Map<String, Reason> TABLE = new HashMap<>();

    static {
        daemon(BLOB_NOT_FOUND, NOT_FOUND);
        daemon(BLOB_UNAVAILABLE, UNAVAILABLE);
        daemon(INVALID_BYTE_RANGE, INVALID_ARGUMENT, RANGE_NOT_SATISFIABLE);
        daemon(INSUFFICIENT_CONFIRMATIONS, DEADLINE_EXCEEDED);
        daemon("BLOB_TOO_LARGE", SIZE_EXCEEDED);
        daemon("QUILT_PATCH_NOT_FOUND", NOT_FOUND);
        daemon("SLIVER_RETRIEVAL_FAILED", INTERNAL);
        daemon("INVALID_ID_FORMAT", INVALID_ARGUMENT);
        daemon("OBJECT_ID_RESOLUTION_FAILED", NOT_FOUND);
        daemon("BLOB_READ_FAILED", INTERNAL);
        daemon("MALFORMED_REQUEST", INVALID_ARGUMENT);
        daemon("INVALID_BLOB_PERSISTENCE", INVALID_ARGUMENT);
        daemon("INVALID_CONSISTENCY_CHECK", INVALID_ARGUMENT);
        publisherAuth();
        storageNode();
        add(INTERNAL_ERROR, GLOBAL, INTERNAL);
        add("UNAVAILABLE", GLOBAL, UNAVAILABLE);
    }

    private ErrorReasons() {
    }

    /** The domain Walrus gives {@code reason} in, if Walrus gives it. */
    public static Optional<String> walrusDomain(String reason) {
        return Optional.ofNullable(TABLE.get(reason)).map(Reason::domain);
    }

    /**
     * The status name of an answer with HTTP status {@code http} and {@code reason}: the one Walrus gives the reason
     * with at that HTTP status, else Walrus's default name for the status, else empty (a status Walrus never answers).
     */
    public static Optional<ErrorStatus> statusFor(int http, String reason) {
        Reason known = TABLE.get(reason);
        if (known != null) {
            for (ErrorStatus status : known.statuses()) {
                if (status.http() == http) {
                    return Optional.of(status);
                }
            }
        }
        return ErrorStatus.defaultFor(http);
    }

    private static void publisherAuth() {
        String[] preconditions = {"INVALID_EXPIRATION", "INVALID_EPOCHS", "INVALID_SIZE", "INVALID_SEND_OBJECT_TO",
            "INCONSISTENT_TOKEN", "INVALID_TOKEN", "INVALID_TIMESTAMP"};
        for (String reason : preconditions) {
            add(reason, PUBLISHER_AUTH, FAILED_PRECONDITION);
        }
        add("EXPIRED_SIGNATURE", PUBLISHER_AUTH, DEADLINE_EXCEEDED);
        add("INVALID_SIGNATURE", PUBLISHER_AUTH, UNAUTHENTICATED);
        add("TOKEN_ALREADY_USED", PUBLISHER_AUTH, RESOURCE_EXHAUSTED);
    }

    private static void storageNode() {
        String[] preconditions = {"SHARD_NOT_ASSIGNED", "NOT_REGISTERED", "MISSING_SLIVERS", "CACHE_SATURATED",
            "INVALID_BLOB", "SYMBOL_NOT_PRESENT_AT_SHARDS", "NO_SYMBOLS_SPECIFIED", "NO_TARGET_SLIVERS_SPECIFIED",
            "SLIVER_TOO_LARGE"};
        for (String reason : preconditions) {
            add(reason, STORAGE_NODE, FAILED_PRECONDITION);
        }
        String[] invalid = {"INDEX_OUT_OF_RANGE", "INVALID_METADATA", "UNSUPPORTED_ENCODING_TYPE", "INVALID_FILTER",
            "RECOVERY_SYMBOL_OUT_OF_RANGE", "INVALID_SLIVER", "SLIVER_INDEX_MISMATCH", "INVALID_PROOF", "INVALID_EPOCH",
            "SLIVER_COUNT_EXCEEDS_LIMIT", "MESSAGE_VERIFICATION_FAILED", "INVALID_CONTENT_TYPE"};
        for (String reason : invalid) {
            add(reason, STORAGE_NODE, INVALID_ARGUMENT);
        }
        // Not found when read, a failed precondition when a sliver or proof needs it.
        add("METADATA_NOT_FOUND", STORAGE_NODE, NOT_FOUND, FAILED_PRECONDITION);
        add("SLIVER_NOT_FOUND", STORAGE_NODE, NOT_FOUND);
        add("FORBIDDEN_BLOB", STORAGE_NODE, UNAVAILABLE_FOR_LEGAL_REASONS);
        add("REQUEST_UNAUTHORIZED", STORAGE_NODE, PERMISSION_DENIED);
    }

    private static void daemon(String reason, ErrorStatus... statuses) {
        add(reason, DAEMON, statuses);
    }

    private static void add(String reason, String domain, ErrorStatus... statuses) {
        if (TABLE.put(reason, new Reason(domain, List.of(statuses))) != null) {
            throw new IllegalStateException("reason " + reason + " listed twice");
        }
    }

    private record Reason(String domain, List<ErrorStatus> statuses) {
    }
}
