package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long MIB = 1L << 20;
    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(1_000 * MS);

    private Progress progress(boolean enabled) {
        return new Progress(err, "read big.bin", "waiting", enabled, clock::get);
    }

    private String drawn() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void staysSilentForSmallTransfers() {
        Progress progress = progress(true);
        progress.transferred(0, MIB);
        progress.transferred(MIB, MIB);
        progress.finish(true);

        assertEquals("", drawn());
    }

    @Test
    void drawsAtOnceThenAtMostEveryHundredMilliseconds() {
        Progress progress = progress(true);
        progress.transferred(0, 8 * MIB);
        clock.addAndGet(50 * MS);
        progress.transferred(MIB, 8 * MIB);
        assertEquals(1, redraws(), "the second call came 50 ms after the first");

        clock.addAndGet(50 * MS);
        progress.transferred(2 * MIB, 8 * MIB);
        assertEquals(2, redraws());
        assertTrue(drawn().endsWith("\rread big.bin [######------------------]  25%  2.0 MiB / 8.0 MiB  20.0 MiB/s"),
            drawn());
    }

    @Test
    void alwaysDrawsCompletionAndEndsWithASummaryLine() {
        Progress progress = progress(true);
        progress.transferred(0, 8 * MIB);
        clock.addAndGet(MS);
        progress.transferred(8 * MIB, 8 * MIB);
        assertTrue(drawn().endsWith("[########################] 100%  8.0 MiB / 8.0 MiB  7.8 GiB/s  waiting"), drawn());

        clock.addAndGet(1_999 * MS);
        progress.finish(true);
        progress.finish(false);

        String last = drawn().substring(drawn().lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("read big.bin: 8.0 MiB in 2.0 s (4.0 MiB/s)   "), last);
        assertTrue(last.endsWith(" \n"), "padded over the longer bar, then a new line: " + last);
        assertEquals(1, drawn().chars().filter(c -> c == '\n').count(), "a second finish prints nothing");
    }

    @Test
    void failureLineSaysHowFarItGot() {
        Progress progress = progress(true);
        progress.transferred(5 * MIB, 8 * MIB);
        progress.finish(false);

        assertTrue(drawn().contains("\rread big.bin: failed after 5.0 MiB of 8.0 MiB"), drawn());
    }

    @Test
    void unknownTotalShowsBytesOnceOverTheThreshold() {
        Progress progress = progress(true);
        progress.transferred(MIB, -1);
        assertEquals("", drawn());

        clock.addAndGet(1_000 * MS);
        progress.transferred(5 * MIB, -1);
        assertEquals("\rread big.bin  5.0 MiB  5.0 MiB/s", drawn());
    }

    @Test
    void disabledDrawsNothing() {
        Progress progress = progress(false);
        progress.transferred(8 * MIB, 8 * MIB);
        progress.finish(true);

        assertEquals("", drawn());
    }

    private long redraws() {
        return drawn().chars().filter(c -> c == '\r').count();
    }

    @Test
    void countsBlobsOfManyGibibytes() {
        Progress progress = progress(true);
        long gib = 1L << 30;
        progress.transferred(3 * gib, 5 * gib);
        clock.addAndGet(3_000 * MS);
        progress.transferred(15 * gib / 4, 5 * gib);
        progress.finish(true);

        assertTrue(drawn().contains("[##############----------]  60%  3.0 GiB / 5.0 GiB"), drawn());
        assertTrue(drawn().contains("75%  3.8 GiB / 5.0 GiB"), drawn());
        assertTrue(drawn().contains("read big.bin: 3.8 GiB in 3.0 s (1.3 GiB/s)"), drawn());
    }
}
