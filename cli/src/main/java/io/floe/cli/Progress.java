package io.floe.cli;

import io.floe.cli.client.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for a blob transfer. It appears only once the transfer is known to reach
 * {@link #THRESHOLD}, redraws at most every {@link #REDRAW_NANOS} (always at 100 %), and {@link #finish} ends it
 * with a summary line, so the terminal is left clean. Thread-safe: a store reports from an HTTP client thread.
 */
public final class Progress implements ProgressListener {
    /** Transfers smaller than this finish too quickly for a bar to help. */
    public static final long THRESHOLD = 4L << 20;
    static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintStream err;
    private final String label;
    private final String whenComplete;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long startNanos;
    private long done;
    private long total = -1;
    private long lastDraw;
    private boolean drawn;
    private boolean finished;
    private int lastLength;

    /**
     * A bar for {@code label} ("store big.iso") on {@code err}, drawing nothing unless {@code enabled};
     * {@code whenComplete} is shown once all bytes moved ("" for none), {@code clock} gives nanoseconds.
     */
    Progress(PrintStream err, String label, String whenComplete, boolean enabled, LongSupplier clock) {
        this.err = err;
        this.label = label;
        this.whenComplete = whenComplete;
        this.enabled = enabled;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    /** A bar on {@code err} when {@code enabled}, else a listener that draws nothing. */
    public static Progress on(PrintStream err, String label, String whenComplete, boolean enabled) {
        return new Progress(err, label, whenComplete, enabled, System::nanoTime);
    }

    @Override
    public synchronized void transferred(long done, long total) {
        this.done = done;
        this.total = total;
        if (!enabled || finished || Math.max(done, total) < THRESHOLD) {
            return;
        }
        long now = clock.getAsLong();
        boolean complete = total >= 0 && done >= total;
        if (!drawn || complete || now - lastDraw >= REDRAW_NANOS) {
            draw(bar(now, complete), false);
            lastDraw = now;
            drawn = true;
        }
    }

    /** Replaces the bar with its last line; prints nothing if no bar was ever drawn. Later calls are ignored. */
    public synchronized void finish(boolean success) {
        if (finished) {
            return;
        }
        finished = true;
        if (!drawn) {
            return;
        }
        long now = clock.getAsLong();
        String line = success
            ? String.format(Locale.ROOT, "%s: %s in %.1f s (%s)", label, size(done), seconds(now), rate(now))
            : label + ": failed after " + size(done) + (total >= 0 ? " of " + size(total) : "");
        draw(line, true);
    }

    private String bar(long now, boolean complete) {
        if (total <= 0) {
            return label + "  " + size(done) + "  " + rate(now);
        }
        int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        String note = complete && !whenComplete.isEmpty() ? "  " + whenComplete : "";
        return String.format(Locale.ROOT, "%s [%s] %3d%%  %s / %s  %s%s", label, bar, done * 100 / total,
            size(done), size(total), rate(now), note);
    }

    private double seconds(long now) {
        return Math.max(1e-9, (now - startNanos) / 1e9);
    }

    private String rate(long now) {
        return size((long) (done / seconds(now))) + "/s";
    }

    private static String size(long bytes) {
        return BlobIdCommand.bytes(bytes);
    }

    // '\r' returns to the line's start; spaces wipe what a longer previous line left behind.
    private void draw(String line, boolean last) {
        String padding = " ".repeat(Math.max(0, lastLength - line.length()));
        err.print("\r" + line + padding + (last ? "\n" : ""));
        err.flush();
        lastLength = line.length();
    }
}
