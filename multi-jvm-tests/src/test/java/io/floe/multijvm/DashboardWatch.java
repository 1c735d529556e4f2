package io.floe.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's dashboard open in Debian's headless Chromium ({@code src/test/browser/dashboard.mjs watch}), watching
 * one storage node: the page first shows every node up ({@link #awaitAllUp}), then the test kills the node and the
 * page must show it down ({@link #awaitDown}). What is checked is what a person looking at the page would see.
 *
 * <p>Every wait is bounded; {@link #close} kills the browser run and its Chromium processes if it is still going.
 */
final class DashboardWatch implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String END = "\u0000end";

    private final Process node;
    private final Path err;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();

    /** What the page reported, and when this JVM read it ({@link System#nanoTime()}). */
    record Seen(JsonNode answer, long nanos) {
    }

    private record Line(String text, long nanos) {
    }

    private DashboardWatch(Process node, Path err) {
        this.node = node;
        this.err = err;
        Thread reader = new Thread(this::readLines, "dashboard-watch");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code gatewayUrl}'s dashboard, which must show {@code nodes} nodes up, then {@code victim} down. */
    static DashboardWatch start(String gatewayUrl, int nodes, String victim, Duration timeout) {
        try {
            Path err = Files.createTempFile("floe-dashboard", ".log");
            Process node = new ProcessBuilder("node", "dashboard.mjs", "watch", gatewayUrl + "/dashboard",
                    Integer.toString(nodes), victim, Long.toString(timeout.toMillis()))
                    .directory(BrowserPage.DRIVER.toFile()).redirectError(err.toFile()).start();
            return new DashboardWatch(node, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's node rows once every node shows up ({@code {"event":"allUp","nodes":[{id,state}]}}). */
    Seen awaitAllUp(Duration bound) {
        return await("allUp", bound);
    }

    /** The page's answer once the victim shows down ({@code {"event":"down","afterMillis":N,"nodes":[...]}}). */
    Seen awaitDown(Duration bound) {
        return await("down", bound);
    }

    private Seen await(String event, Duration bound) {
        try {
            Line line = lines.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || END.equals(line.text())) {
                throw new AssertionError("the dashboard did not report " + event + " within " + bound
                        + (line == null ? "" : " (the browser run ended)") + ": " + log());
            }
            JsonNode answer = MAPPER.readTree(line.text());
            if (!event.equals(answer.path("event").asText())) {
                throw new AssertionError("expected " + event + " from the dashboard, got " + line.text());
            }
            return new Seen(answer, line.nanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while watching the dashboard", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(new Line(line, System.nanoTime()));
            }
        } catch (IOException e) {
            // The run was killed: END below tells the waiter.
        } finally {
            lines.add(new Line(END, System.nanoTime()));
        }
    }

    private String log() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            return "(no browser log: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (!node.waitFor(5, TimeUnit.SECONDS)) {
                node.descendants().forEach(ProcessHandle::destroyForcibly);
                node.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        } finally {
            try {
                Files.deleteIfExists(err);
            } catch (IOException ignored) {
                // A temporary file: the OS's cleaner takes it.
            }
        }
    }
}
