package io.floe.api.dashboard;

import io.floe.metrics.MetricNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;
import java.util.function.Predicate;

/**
 * The gateway's store and read counters ({@link MetricNames}) read from the member's registry. Whoever records them
 * registers them; until then each reads 0. A counter is summed over all its tags (or those whose {@code outcome}
 * passes a filter), so the dashboard does not depend on how many outcomes the recorder distinguishes.
 */
final class GatewayCounters {
    static final String OUTCOME = "outcome";
    static final String FAILED = "failed";
    /** The outcome of a store that registered and uploaded a blob (not one already certified). */
    static final String NEWLY_CREATED = "newly_created";

    private final MeterRegistry registry;

    GatewayCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counters now; monotonic as long as the recorder only increments. */
    Sample sample(long nanos) {
        return new Sample(nanos,
                count(MetricNames.GATEWAY_STORES, outcome -> !FAILED.equals(outcome)),
                count(MetricNames.GATEWAY_STORES, NEWLY_CREATED::equals),
                count(MetricNames.GATEWAY_STORES, FAILED::equals),
                count(MetricNames.GATEWAY_READS, outcome -> !FAILED.equals(outcome)),
                count(MetricNames.GATEWAY_READS, FAILED::equals),
                count(MetricNames.GATEWAY_STORED_BYTES, outcome -> true),
                count(MetricNames.GATEWAY_SERVED_BYTES, outcome -> true));
    }

    /** The sum of the COUNT statistics of every meter named {@code name} whose outcome tag passes (absent: ""). */
    private long count(String name, Predicate<String> outcome) {
        double total = 0;
        for (Meter meter : registry.find(name).meters()) {
            String tag = meter.getId().getTag(OUTCOME);
            if (!outcome.test(tag == null ? "" : tag)) {
                continue;
            }
            for (Measurement m : meter.measure()) {
                if (m.getStatistic() == Statistic.COUNT) {
                    total += m.getValue();
                }
            }
        }
        return (long) total;
    }

    /**
     * The counters at one moment ({@code nanos} from {@link System#nanoTime()}). {@code stores} counts every store
     * that succeeded, {@code blobsCreated} those among them that stored a new blob (a re-store of a certified blob
     * is a store, not a blob).
     */
    record Sample(long nanos, long stores, long blobsCreated, long storesFailed, long reads, long readsFailed,
                  long storedBytes, long servedBytes) {
        static final Sample ZERO = new Sample(0, 0, 0, 0, 0, 0, 0, 0);
    }
}
