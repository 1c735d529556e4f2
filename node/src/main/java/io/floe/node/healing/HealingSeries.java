package io.floe.node.healing;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;

/**
 * A node's {@link HealingMetrics} as Prometheus series: each counter is read from the healing counters at scrape
 * time, so the health answer and the metrics can never disagree and the healing code records in one place.
 */
final class HealingSeries {
    private HealingSeries() {
    }

    static void bind(HealingMetrics healing, MeterRegistry registry) {
        counter(registry, healing, "floe.node.recovery.slivers.rebuilt", null,
                "Slivers this node rebuilt from its peers", HealingMetrics.Snapshot::sliversRebuilt);
        counter(registry, healing, "floe.node.recovery.fetched", "bytes",
                "Bytes of recovery symbols this node fetched to rebuild slivers", HealingMetrics.Snapshot::bytesFetched);
        counter(registry, healing, "floe.node.recovery.rebuilt", "bytes",
                "Bytes of slivers this node rebuilt", HealingMetrics.Snapshot::bytesRebuilt);
        counter(registry, healing, "floe.node.recovery.failed", null,
                "Blob recoveries that failed (tried again later)", HealingMetrics.Snapshot::recoveriesFailed);
        counter(registry, healing, "floe.node.recovery.inconsistencies", null,
                "Blobs found inconsistently encoded while recovering", HealingMetrics.Snapshot::inconsistenciesFound);
        counter(registry, healing, "floe.node.scrub.slivers", null,
                "Stored slivers the scrubber checked", HealingMetrics.Snapshot::sliversScrubbed);
        counter(registry, healing, "floe.node.scrub.mismatches", null,
                "Stored slivers the scrubber found damaged", HealingMetrics.Snapshot::scrubMismatches);
        counter(registry, healing, "floe.node.events.processed", null,
                "Blob events this node's event processor handled", HealingMetrics.Snapshot::eventsProcessed);
        Gauge.builder("floe.node.recovery.pending", healing, h -> h.snapshot().recoveriesPending())
                .description("Blobs waiting in this node's recovery backlog").register(registry);
    }

    private static void counter(MeterRegistry registry, HealingMetrics healing, String name, String baseUnit,
                                String description, ToLongFunction<HealingMetrics.Snapshot> value) {
        FunctionCounter.builder(name, healing, h -> value.applyAsLong(h.snapshot())).baseUnit(baseUnit)
                .description(description).register(registry);
    }
}
