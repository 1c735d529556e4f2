package io.floe.api.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The last minute of the gateway's counters, one sample a second, and the rates between consecutive samples. Rates
 * are computed here rather than in the page, so a page opened after a burst of stores still shows it.
 *
 * <p>Invariants: at most {@link #SAMPLES} samples, oldest first, in the order they were taken; a counter that went
 * down between two samples (a registry replaced) gives a rate of 0, never a negative one.
 */
final class Throughput {
    static final int SAMPLES = 61;
    private final Deque<GatewayCounters.Sample> samples = new ArrayDeque<>();

    synchronized void add(GatewayCounters.Sample sample) {
        samples.addLast(sample);
        while (samples.size() > SAMPLES) {
            samples.removeFirst();
        }
    }

    synchronized GatewayCounters.Sample latest() {
        return samples.isEmpty() ? GatewayCounters.Sample.ZERO : samples.getLast();
    }

    /** Per-second rates of one counter between consecutive samples, oldest first (one fewer than the samples). */
    synchronized List<Double> rates(ToLongFunction<GatewayCounters.Sample> counter) {
        List<Double> rates = new ArrayList<>(samples.size());
        GatewayCounters.Sample before = null;
        for (GatewayCounters.Sample s : samples) {
            if (before != null) {
                double seconds = Math.max(1e-3, (s.nanos() - before.nanos()) / 1e9);
                long delta = Math.max(0, counter.applyAsLong(s) - counter.applyAsLong(before));
                rates.add(delta / seconds);
            }
            before = s;
        }
        return rates;
    }
}
