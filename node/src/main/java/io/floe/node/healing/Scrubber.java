package io.floe.node.healing;

import io.floe.persistence.sliver.SliverStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's background re-verification of its stored slivers (issue 4, scrubbing): passes over the whole store at
 * no more than {@code sliversPerSecond}, each pass starting at least {@code passInterval} after the previous one
 * started. Damage is deleted and handed to {@link ScrubRepairs}; counts go to {@link HealingMetrics#scrubbed}.
 * A rate of 0 turns scrubbing off. Steps run one at a time on Pekko's blocking dispatcher.
 */
final class Scrubber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scrubber.class);
    private static final Duration TICK = Duration.ofMillis(100);

    private final ActorSystem<?> system;
    private final SliverStore store;
    private final ScrubRepairs repairs;
    private final HealingMetrics metrics;
    private final ScrubSettings settings;
    private final Clock clock;
    private final AtomicReference<Cancellable> timer = new AtomicReference<>();
    // Touched only by tick(), which the fixed-delay schedule never runs twice at once.
    private ScrubWalk walk;
    private long passStartedAt;
    private long nextPassAt;
    private long lastTickAt;
    private double budget;

    public Scrubber(ActorSystem<?> system, SliverStore store, ScrubRepairs repairs, HealingMetrics metrics,
                    ScrubSettings settings, Clock clock) {
        this.system = system;
        this.store = store;
        this.repairs = repairs;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts the first pass now (if scrubbing is on); returns at once. */
    public void start() {
        if (!settings.enabled()) {
            LOG.info("Scrubbing is off (floe.scrub.slivers-per-second = 0)");
            return;
        }
        LOG.info("Scrubbing stored slivers at up to {} per second, a pass at most every {}",
                settings.sliversPerSecond(), settings.passInterval());
        nextPassAt = clock.millis();
        timer.set(system.scheduler().scheduleWithFixedDelay(TICK, TICK, this::tick,
                system.dispatchers().lookup(DispatcherSelector.blocking())));
    }

    private void tick() {
        long now = clock.millis();
        try {
            if (walk == null && !beginPass(now)) {
                return;
            }
            budget = Math.min(budget + settings.sliversPerSecond() * (now - lastTickAt) / 1000.0,
                    Math.max(1.0, settings.sliversPerSecond()));
            lastTickAt = now;
            if (budget >= 1) {
                budget -= walk.step((int) budget);
            }
            if (walk.finished()) {
                endPass(now);
            }
        } catch (RuntimeException e) {
            if (store.isClosed()) {
                close();
                return;
            }
            LOG.warn("Scrub step failed, trying again: {}", e.toString());
        }
    }

    private boolean beginPass(long now) {
        if (now < nextPassAt) {
            return false;
        }
        walk = new ScrubWalk(store, repairs, metrics);
        passStartedAt = now;
        lastTickAt = now;
        budget = 0;
        return true;
    }

    private void endPass(long now) {
        if (walk.damaged() > 0) {
            LOG.info("Scrub pass done in {} s: {} slivers verified, {} damaged and handed to recovery",
                    (now - passStartedAt) / 1000, walk.checked(), walk.damaged());
        } else {
            LOG.debug("Scrub pass done in {} s: {} slivers verified, none damaged", (now - passStartedAt) / 1000,
                    walk.checked());
        }
        walk = null;
        nextPassAt = passStartedAt + settings.passInterval().toMillis();
    }

    @Override
    public void close() {
        Cancellable t = timer.get();
        if (t != null) {
            t.cancel();
        }
    }
}
