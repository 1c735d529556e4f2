package io.floe.multijvm;

import io.floe.cli.local.NetworkLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of every member's log when a test fails, so a failure in a member JVM is visible in the test report
 * and not only in a folder that the next run may delete. Register it with {@code @RegisterExtension}, naming the
 * class's network (which may be null before it starts, or replaced when the test restarts it).
 */
public final class LogTailsOnFailure implements TestWatcher {
    private static final int LINES = 60;

    private final Supplier<FloeNetwork> network;

    public LogTailsOnFailure(Supplier<FloeNetwork> network) {
        this.network = network;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        FloeNetwork current = network.get();
        if (current != null) {
            System.err.println("===== " + context.getDisplayName() + " failed: " + cause + "; member logs follow");
            current.printLogTails(System.err, LINES);
        }
    }

    /** Prints the last {@code lines} lines of every member's log of the network laid out as {@code layout}. */
    static void print(NetworkLayout layout, PrintStream out, int lines) {
        for (String member : layout.members()) {
            Path log = layout.logFile(member);
            out.println("----- last " + lines + " lines of " + log + " -----");
            try {
                List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
            } catch (IOException e) {
                out.println("(cannot read: " + e + ")");
            }
        }
        out.flush();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        // An aborted test (an assumption not met) is no failure of the network.
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // Nothing ran.
    }
}
