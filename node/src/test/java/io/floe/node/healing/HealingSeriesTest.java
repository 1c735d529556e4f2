package io.floe.node.healing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The healing counters as Prometheus series, read at scrape time. */
class HealingSeriesTest {
    @Test
    void exportsTheHealingCountersAsTheyGrow() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HealingMetrics healing = new HealingMetrics();
        HealingSeries.bind(healing, registry);
        healing.scrubbed(false);
        healing.scrubbed(true);
        healing.setPending(3);
        healing.eventProcessed();

        String scrape = registry.scrape();
        assertTrue(scrape.contains("floe_node_scrub_slivers_total 2.0"), scrape);
        assertTrue(scrape.contains("floe_node_scrub_mismatches_total 1.0"), scrape);
        assertTrue(scrape.contains("floe_node_recovery_pending 3.0"), scrape);
        assertTrue(scrape.contains("floe_node_recovery_fetched_bytes_total 0.0"), scrape);
        assertEquals(1, registry.get("floe.node.events.processed").functionCounter().count());
    }
}
