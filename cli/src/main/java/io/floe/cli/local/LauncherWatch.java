package io.floe.cli.local;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a member JVM to the process that launched it ({@code floe local}, or a test run's JVM): when the launcher is
 * gone, however it went (SIGKILL included, where its shutdown hook that stops the members never runs), the member
 * stops itself instead of running on as an orphan that holds its ports and data folder. The JDK polls a process that
 * is not a child of this one (first after 0.3 s, then less and less often, at most every 5 s), so a member notices
 * within seconds; a launcher that is a zombie (dead, not reaped by its own parent) still counts as running.
 *
 * <p>The launcher's pid reaches the member as {@value #KEY} (see {@link MemberProcess#start}); {@code 0}, the default,
 * ties it to nothing, as for a member started by hand or by {@code floe local add-node}, which must outlive the
 * command that started it.
 */
public final class LauncherWatch {
    /** The configuration key holding the launcher's pid. */
    public static final String KEY = "floe.member.exit-with-pid";
    private static final Logger LOG = LoggerFactory.getLogger(LauncherWatch.class);

    private LauncherWatch() {
    }

    /** The JVM option that ties a member to this process. */
    static String tieToThisProcess() {
        return "-D" + KEY + "=" + ProcessHandle.current().pid();
    }

    /**
     * Runs {@code stop} once process {@code launcherPid} has exited (at once when it already has); nothing for a pid
     * of 0 or less. The returned future completes when {@code stop} has run.
     */
    public static Optional<CompletableFuture<Void>> watch(long launcherPid, Runnable stop) {
        if (launcherPid <= 0) {
            return Optional.empty();
        }
        CompletableFuture<ProcessHandle> exited = ProcessHandle.of(launcherPid).map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        return Optional.of(exited.thenRun(() -> {
            try {
                LOG.warn("the process that launched this member (pid {}) is gone: stopping", launcherPid);
            } finally {
                stop.run();
            }
        }));
    }
}
