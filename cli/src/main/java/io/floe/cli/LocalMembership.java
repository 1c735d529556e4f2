package io.floe.cli;

import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.GatewayInfo;
import io.floe.cli.client.StakeResult;
import io.floe.cli.local.MemberProcess;
import io.floe.cli.local.NetworkLayout;
import io.floe.protocol.committee.NodeId;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code floe local add-node} and {@code floe local remove-node}: grows or shrinks a network that a {@code floe local}
 * in another process runs. The added node's JVM belongs to the network's folder, not to this process: its pid is
 * recorded in its member folder, the layout lists it (so a restart starts it again), and removal stops it with
 * SIGTERM. Every wait is bounded by {@code --timeout} and prints a line whenever what it waits for changes.
 */
final class LocalMembership {
    static final String STAKE = "--stake";
    static final String TIMEOUT = "--timeout";
    private static final Duration POLL = Duration.ofSeconds(2);

    private final NetworkLayout layout;
    private final GatewayClient client;
    private final PrintStream out;
    private final long deadline;

    private LocalMembership(NetworkLayout layout, PrintStream out, Duration timeout) {
        this.layout = layout;
        this.client = new GatewayClient(URI.create(layout.gatewayUrl()), Duration.ofSeconds(30));
        this.out = out;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /** The network in {@code data}, which must exist; its gateway must answer. */
    static LocalMembership of(Path data, PrintStream out, Optional<Integer> timeoutSeconds) {
        NetworkLayout layout;
        try {
            layout = NetworkLayout.read(data).orElseThrow(() -> new CommandFailedException("no network in " + data
                    + "; start one with 'floe local --data " + data + "'"));
        } catch (IOException e) {
            throw new CommandFailedException("cannot read the network layout in " + data + ": " + e.getMessage());
        }
        GatewayInfo info = probe(layout, data);
        Duration epoch = info.epochDetails().map(GatewayInfo.EpochDetails::epochDuration).orElse(Duration.ofMinutes(1));
        // Two epochs cover "selected at the next middle, current at the next start"; a day-long epoch is cut short.
        Duration wait = timeoutSeconds.map(s -> Duration.ofSeconds(s))
                .orElse(min(epoch.multipliedBy(2).plusMinutes(2), Duration.ofHours(1)));
        return new LocalMembership(layout, out, wait);
    }

    private static GatewayInfo probe(NetworkLayout layout, Path data) {
        try {
            return new GatewayClient(URI.create(layout.gatewayUrl()), Duration.ofSeconds(10)).info();
        } catch (GatewayException e) {
            throw new CommandFailedException("the network in " + data + " does not answer (" + e.getMessage()
                    + "); start it with 'floe local --data " + data + "' first");
        }
    }

    /** Starts one more node, stakes {@code stake} FROST to it once it registered, waits until a committee has it. */
    void add(long stake, List<String> jvmOptions) {
        NetworkLayout grown = layout.withAddedNode();
        String name = grown.lastAdded();
        NodeId node = new NodeId(name);
        MemberProcess process;
        try {
            grown.write();
            process = MemberProcess.startUntied(name, "node", grown.configFile(name), grown.logFile(name), jvmOptions);
            process.recordPid(MemberProcess.pidFile(grown.memberDir(name)));
        } catch (IOException e) {
            throw new CommandFailedException("cannot start " + name + ": " + e.getMessage());
        }
        say("started " + name + " (pid " + process.pid() + ", storage API " + grown.storageUrlOf(name) + ", log "
                + grown.logFile(name) + ")");
        StakeResult staked = stakeOnceRegistered(node, stake, process);
        say(StakeCommand.describeGatewayStake(StakeCommand.Operation.STAKE, node, staked));
        await(name + " is in a committee", info -> inCommittee(info, node, true), process);
        say(name + " joined the network; 'floe info committee' shows its shards");
    }

    /** The ledger knows a node once it registered its pool: until then a stake with it is refused. */
    private StakeResult stakeOnceRegistered(NodeId node, long amount, MemberProcess process) {
        say("waiting for " + node + " to register with the ledger ...");
        return whileRefused("stake with " + node, () -> client.stake(node, amount), process);
    }

    /**
     * Repeats a staking call the ledger refuses (400) until it is accepted or the wait runs out; other failures end
     * the command at once.
     */
    private StakeResult whileRefused(String what, java.util.function.Supplier<StakeResult> call,
                                     MemberProcess process) {
        while (true) {
            if (process != null) {
                alive(process);
            }
            try {
                return call.get();
            } catch (GatewayException.ErrorResponse e) {
                if (e.httpStatus() != 400 || expired()) {
                    throw new CommandFailedException("cannot " + what + ": " + e.getMessage());
                }
            } catch (GatewayException e) {
                throw new CommandFailedException("cannot " + what + ": " + e.getMessage());
            }
            pause();
        }
    }

    /**
     * Requests the withdrawal of the gateway's stake with {@code name}, waits until a committee without it is current
     * and its change is done (its shards moved), withdraws, then stops its JVM.
     */
    void remove(String name) {
        if (!layout.isAdded(name)) {
            throw new CommandFailedException(name + " was not added with 'floe local add-node' to the network in "
                    + layout.dataDir() + "; only such nodes can be removed");
        }
        NodeId node = new NodeId(name);
        say(StakeCommand.describeGatewayStake(StakeCommand.Operation.REQUEST_WITHDRAW, node, call(() ->
                client.requestWithdrawStake(node))));
        await(name + " has left the committee and its shards moved",
                info -> !inCommittee(info, node, false) && !changing(info), null);
        say(StakeCommand.describeGatewayStake(StakeCommand.Operation.WITHDRAW, node,
                whileRefused("withdraw the stake with " + node, () -> client.withdrawStake(node), null)));
        try {
            boolean stopped = MemberProcess.stopRecorded(MemberProcess.pidFile(layout.memberDir(name)), 30_000);
            NetworkLayout.read(layout.dataDir()).orElse(layout).withoutAddedNode(name).write();
            say((stopped ? "stopped " : "") + name + (stopped ? "; " : " was not running; ") + "its data stays in "
                    + layout.memberDir(name));
        } catch (IOException e) {
            throw new CommandFailedException("cannot stop " + name + ": " + e.getMessage());
        }
    }

    /** Polls the gateway until {@code done}, printing the epoch and state each time they change. */
    private void await(String what, Predicate<GatewayInfo> done, MemberProcess process) {
        String last = "";
        while (true) {
            if (process != null) {
                alive(process);
            }
            GatewayInfo info = call(client::info);
            String now = info.epochDetails().map(e -> "epoch " + e.currentEpoch() + ", " + e.epochState()
                    + (e.next().isEmpty() ? "" : ", next committee selected")).orElse("epoch " + info.epoch());
            if (done.test(info)) {
                return;
            }
            if (!now.equals(last)) {
                say(now + ": waiting until " + what + " ...");
                last = now;
            }
            if (expired()) {
                throw new CommandFailedException("gave up waiting until " + what + " (" + now + ")"
                        + (process == null ? "" : "; " + process.name() + " keeps running, pid " + process.pid()));
            }
            pause();
        }
    }

    /** Whether {@code node} is in the current committee or, with {@code next}, the next one. */
    static boolean inCommittee(GatewayInfo info, NodeId node, boolean next) {
        boolean current = info.nodes().stream().anyMatch(n -> n.id().equals(node));
        return current || next && info.epochDetails().map(e -> e.next().stream().anyMatch(n -> n.id().equals(node)))
                .orElse(false);
    }

    /** Shards are moving: the last epoch change is not done. */
    static boolean changing(GatewayInfo info) {
        return info.epochDetails().map(e -> e.epochState().equals("EpochChangeSync")).orElse(false);
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (GatewayException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    private static void alive(MemberProcess process) {
        if (!process.isAlive()) {
            throw new CommandFailedException(process.name() + " exited with code " + process.process().exitValue()
                    + "; see " + process.log());
        }
    }

    private boolean expired() {
        return System.nanoTime() > deadline;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
