package io.floe.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The one metrics registry of a member: a Pekko extension, so that every part of a member (routes, shards, healing,
 * journal) records into the same registry and {@code GET /metrics} scrapes it, while several members in one JVM (the
 * in-process tests) keep theirs apart. Series names follow Prometheus conventions ({@code floe_} prefix, base units,
 * {@code _total} counters); they are listed in README.md. The JVM, GC and process series are bound when the extension
 * is created and the GC listener is removed when the actor system terminates.
 */
public final class FloeMetrics implements Extension {
    /**
     * Histogram bucket bounds of every Floe latency: fixed, so each timer adds a known dozen series rather than
     * Micrometer's ~70 percentile buckets, and wide enough for a 1 ms sliver read and a minute-long large store.
     */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60)
    };

    private static final ExtensionId<FloeMetrics> ID = new ExtensionId<>() {
        @Override
        public FloeMetrics createExtension(ActorSystem<?> system) {
            return new FloeMetrics(system);
        }
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private FloeMetrics(ActorSystem<?> system) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        // The GC binder listens to JMX notifications: an in-process test's many systems must not leave theirs behind.
        system.getWhenTerminated().thenRun(gc::close);
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

    /** A timer builder with Floe's fixed latency buckets (so it is exported as a Prometheus histogram). */
    public static Timer.Builder latency(String name) {
        return Timer.builder(name).serviceLevelObjectives(LATENCY_BUCKETS);
    }
}
