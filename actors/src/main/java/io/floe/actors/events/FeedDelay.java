package io.floe.actors.events;

import io.floe.metrics.FloeMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far one consumer of the blob event feed is behind the journal: for each event it handled, the time from the
 * journal's write to the end of its handling ({@value #DELAY}, a histogram), and the delay of the last event handled
 * ({@value #LAG}, a gauge in seconds), both tagged {@code processor} ({@code node}, {@code read_side}). Times compare
 * the writer's clock with this member's, so hosts need synchronized clocks (NTP) for these to be meaningful.
 */
public final class FeedDelay {
    /** Micrometer name of the per-event delay histogram. */
    public static final String DELAY = "floe.event.processor.delay";
    /** Micrometer name of the last-event lag gauge. */
    public static final String LAG = "floe.event.processor.lag";

    /** One per registry and processor: a gauge registered twice would keep reading the first instance's value. */
    private static final Map<MeterRegistry, Map<String, FeedDelay>> INSTANCES = new WeakHashMap<>();

    private final Timer delay;
    private final AtomicLong lastLagMillis = new AtomicLong();
    private final Clock clock;

    /** The series of {@code processor} in {@code registry} (the same object for a consumer that restarts). */
    public static FeedDelay of(MeterRegistry registry, String processor) {
        synchronized (INSTANCES) {
            return INSTANCES.computeIfAbsent(registry, r -> new java.util.HashMap<>())
                    .computeIfAbsent(processor, p -> new FeedDelay(registry, p, Clock.systemUTC()));
        }
    }

    FeedDelay(MeterRegistry registry, String processor, Clock clock) {
        this.clock = clock;
        this.delay = FloeMetrics.latency(DELAY).tag("processor", processor)
                .description("Time from a blob event's journal write to the end of its handling").register(registry);
        Gauge.builder(LAG, lastLagMillis, millis -> millis.get() / 1000.0).baseUnit("seconds").tag("processor", processor)
                .description("Delay of the last blob event handled").register(registry);
    }

    /** Records {@code handled}, events whose handling just ended; events without a write time are skipped. */
    public void handled(List<BlobEventEnvelope> handled) {
        long now = clock.millis();
        for (BlobEventEnvelope e : handled) {
            if (e.writtenAtMillis() > 0) {
                long lag = Math.max(0, now - e.writtenAtMillis());
                delay.record(lag, TimeUnit.MILLISECONDS);
                lastLagMillis.set(lag);
            }
        }
    }
}
