package io.floe.multijvm;

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

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        // An aborted test (an assumption not met) is no failure of the network.
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // Nothing ran.
    }
}
