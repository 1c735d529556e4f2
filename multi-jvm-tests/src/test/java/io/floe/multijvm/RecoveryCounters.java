package io.floe.multijvm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A storage node's self-healing counters since it started, as its {@code /v1/health} answer shows them in its
 * {@code recovery} object (the fields of {@code HealingMetrics.Snapshot}). Every counter only grows while the node
 * runs, so the difference of two readings is what happened between them.
 */
public record RecoveryCounters(long sliversRebuilt, long bytesFetched, long bytesRebuilt, long recoveriesFailed,
                               long inconsistenciesFound, long sliversScrubbed, long scrubMismatches,
                               long eventsProcessed, long recoveriesPending) {
    public static final String FIELD = "recovery";

    /** Reads the counters from a health answer's {@code success.data}; fails if it has no recovery object. */
    public static RecoveryCounters from(JsonNode healthData) {
        JsonNode r = healthData.path(FIELD);
        if (!r.isObject()) {
            throw new IllegalStateException("health answer has no '" + FIELD + "' object: " + healthData);
        }
        return new RecoveryCounters(count(r, "sliversRebuilt"), count(r, "bytesFetched"), count(r, "bytesRebuilt"),
                count(r, "recoveriesFailed"), count(r, "inconsistenciesFound"), count(r, "sliversScrubbed"),
                count(r, "scrubMismatches"), count(r, "eventsProcessed"), count(r, "recoveriesPending"));
    }

    private static long count(JsonNode r, String field) {
        JsonNode v = r.path(field);
        if (!v.isNumber()) {
            throw new IllegalStateException("recovery counter '" + field + "' missing or not a number in " + r);
        }
        return v.asLong();
    }

    /** Bytes received from peers per byte rebuilt; 0 when nothing was rebuilt. */
    public double fetchedPerRebuilt() {
        return bytesRebuilt == 0 ? 0 : (double) bytesFetched / bytesRebuilt;
    }
}
