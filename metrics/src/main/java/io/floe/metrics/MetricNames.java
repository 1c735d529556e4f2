package io.floe.metrics;

/**
 * Names of the series that more than one part of Floe reads or writes (Micrometer names: dots become underscores in
 * Prometheus, counters gain {@code _total}, timers {@code _seconds}). The dashboard reads the gateway's counters by these
 * names; every other series is named where it is recorded and listed in README.md.
 */
public final class MetricNames {
    /** Counter: blob stores the gateway finished, tagged {@code outcome} (newly_created, already_certified, failed). */
    public static final String GATEWAY_STORES = "floe.gateway.stores";
    /** Counter: blob reads the gateway answered, tagged {@code outcome} (ok, not_found, failed). */
    public static final String GATEWAY_READS = "floe.gateway.reads";
    /** Counter (base unit bytes): bytes of blobs the gateway stored. */
    public static final String GATEWAY_STORED_BYTES = "floe.gateway.stored.bytes";
    /** Counter (base unit bytes): bytes of blobs the gateway served. */
    public static final String GATEWAY_SERVED_BYTES = "floe.gateway.served.bytes";

    private MetricNames() {
    }
}
