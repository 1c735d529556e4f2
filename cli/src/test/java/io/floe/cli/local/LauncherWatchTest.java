package io.floe.cli.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LauncherWatchTest {
    @Test
    void stopsOnceTheLauncherIsKilledAndNotBefore() throws Exception {
        Process launcher = new ProcessBuilder("sleep", "120").start();
        try {
            AtomicInteger stops = new AtomicInteger();
            CompletableFuture<Void> watched = LauncherWatch.watch(launcher.pid(), stops::incrementAndGet).orElseThrow();
            assertFalse(watched.isDone(), "stopped while the launcher runs");
            launcher.destroyForcibly();
            watched.get(30, TimeUnit.SECONDS);
            assertEquals(1, stops.get());
        } finally {
            launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void stopsAtOnceWhenTheLauncherIsAlreadyGone() throws Exception {
        Process launcher = new ProcessBuilder("true").start();
        launcher.waitFor(10, TimeUnit.SECONDS);
        AtomicInteger stops = new AtomicInteger();
        LauncherWatch.watch(launcher.pid(), stops::incrementAndGet).orElseThrow().get(30, TimeUnit.SECONDS);
        assertEquals(1, stops.get());
    }

    @Test
    void aPidOfZeroTiesToNothing() {
        assertTrue(LauncherWatch.watch(0, () -> { }).isEmpty());
    }
}
