package io.floe.cli.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Keeps the members of a {@link LocalNetwork} running: a member that exits while the network is not closing is
 * started again after the {@link RestartPolicy}'s delay, and given up (left stopped) when it keeps dying. Each exit,
 * restart and give-up is one printed line, also appended to the member's own log so that its log shows where one run
 * ended and the next began.
 *
 * <p>Invariants: one thread runs {@link #run}; a member is restarted only through {@link LocalNetwork#restart}, so
 * never once the network is closing (Ctrl-C stops everything, nothing comes back); at most one restart of a member is
 * pending at a time.
 */
public final class MemberSupervisor {
    private static final Duration TICK = Duration.ofMillis(250);

    private final LocalNetwork network;
    private final RestartPolicy policy;
    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final Map<String, MemberRestarts> histories = new HashMap<>();
    /** Members waiting for their restart, and when (nanoTime) it is due. */
    private final Map<String, Long> pending = new HashMap<>();
    private final Set<String> givenUp = new HashSet<>();
    private boolean cassandraReported;

    public MemberSupervisor(LocalNetwork network, RestartPolicy policy, PrintStream out) {
        this(network, policy, out, System::nanoTime);
    }

    MemberSupervisor(LocalNetwork network, RestartPolicy policy, PrintStream out, LongSupplier nanoTime) {
        this.network = network;
        this.policy = policy;
        this.out = out;
        this.nanoTime = nanoTime;
    }

    /** Supervises until the network closes, every member was given up, or the thread is interrupted. */
    public void run() {
        while (!network.isClosing() && givenUp.size() < network.members().size()) {
            tick();
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One look at every member: note exits, start those whose delay has passed. */
    void tick() {
        reportCassandra();
        long now = nanoTime.getAsLong();
        for (MemberProcess m : network.members()) {
            String name = m.name();
            if (network.isClosing() || givenUp.contains(name)) {
                continue;
            }
            Long due = pending.get(name);
            if (due != null && now - due >= 0) {
                pending.remove(name);
                restart(m, now);
            } else if (due == null && !m.isAlive()) {
                exited(m, "exited with code " + m.process().exitValue(), m.startedAt(), now);
            }
        }
    }

    private void exited(MemberProcess m, String what, long startedAt, long now) {
        MemberRestarts history = histories.computeIfAbsent(m.name(), n -> policy.history());
        Optional<Duration> delay = history.next(startedAt, now);
        if (delay.isEmpty()) {
            givenUp.add(m.name());
            report(m, m.name() + " " + what + "; it needed " + policy.maxRestarts() + " restarts within "
                    + minutes(policy.window()) + ", so floe local leaves it stopped (log " + m.log() + ")");
            return;
        }
        pending.put(m.name(), now + delay.get().toNanos());
        report(m, m.name() + " " + what + "; restarting it in " + seconds(delay.get()) + " (restart "
                + history.recentRestarts() + " within " + minutes(policy.window()) + ", log " + m.log() + ")");
    }

    private void restart(MemberProcess m, long now) {
        try {
            Optional<MemberProcess> again = network.restart(m);
            again.ifPresent(p -> report(p, p.name() + " restarted, pid " + p.pid()));
        } catch (IOException | RuntimeException e) {
            exited(m, "could not be started again (" + e.getMessage() + ")", now, now);
        }
    }

    private void reportCassandra() {
        if (!cassandraReported && network.cassandra().map(c -> !c.isRunning()).orElse(false)) {
            cassandraReported = true;
            out.println("Cassandra exited; the members cannot write their journal (log "
                    + network.cassandra().get().systemLog() + ")");
            out.flush();
        }
    }

    /** Prints {@code line} and appends it, stamped, to the member's log (best effort: the log may be gone). */
    private void report(MemberProcess m, String line) {
        out.println(line);
        out.flush();
        String stamped = Instant.now() + " floe local: " + line + System.lineSeparator();
        try {
            Files.writeString(m.log(), stamped, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            out.println("(cannot append to " + m.log() + ": " + e.getMessage() + ")");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
