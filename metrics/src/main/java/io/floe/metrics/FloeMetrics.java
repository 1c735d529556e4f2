package io.floe.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The one metrics registry of a member: a Pekko extension, so that every part of a member (routes, shards, healing,
 * journal) records into the same registry and {@code GET /metrics} scrapes it, while several members in one JVM (the
 * in-process tests) keep theirs apart. Series names follow Prometheus conventions ({@code floe_} prefix, base units,
 * {@code _total} counters); they are listed in README.md.
 */
public final class FloeMetrics implements Extension {
    private static final ExtensionId<FloeMetrics> ID = new ExtensionId<>() {
        @Override
        public FloeMetrics createExtension(ActorSystem<?> system) {
            return new FloeMetrics();
        }
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private FloeMetrics() {
    }

    /** The registry of {@code system}'s member, created on first use. */
    public static FloeMetrics get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The registry's series in Prometheus's text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
