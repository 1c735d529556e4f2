package io.floe.multijvm;

import io.floe.cli.local.MemberProcess;
import io.floe.cli.local.NetworkLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member JVMs of one test network: one per storage node and a gateway, started from the test's own class path
 * with the options of its {@link NetworkSpec}, and signalled one by one for faults.
 *
 * <p>Invariant: whenever a member may be running, a JVM shutdown hook is registered that kills it, so no member
 * outlives the test JVM; {@link #close} stops every member still running (continuing frozen ones first) and removes
 * the hook. Only the test thread touches it.
 */
final class MemberJvms implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemberJvms.class);
    private static final long STOP_GRACE_MILLIS = 15_000;

    private final NetworkLayout layout;
    /** Per storage node: the options its JVM is started (and restarted) with. */
    private final List<List<String>> nodeOptions = new ArrayList<>();
    private final List<String> gatewayOptions;
    private final MemberProcess[] nodes;
    /** Nodes stopped with SIGSTOP and not continued yet. */
    private final boolean[] paused;
    private MemberProcess gateway;
    /** Storage nodes added to the running network (not in its genesis), by name, in the order they were added. */
    private final java.util.Map<String, MemberProcess> added = new java.util.LinkedHashMap<>();
    private final List<String> addedOptions;
    private final MemberHosts hosts;
    private Thread shutdownHook;

    MemberJvms(NetworkLayout layout, NetworkSpec spec) {
        this.layout = layout;
        this.hosts = spec.hosts();
        for (int i = 0; i < layout.nodes(); i++) {
            List<String> own = new ArrayList<>(spec.memberOptions());
            own.addAll(spec.nodeOptions().of(i, layout));
            nodeOptions.add(options("-Xmx512m", own));
        }
        this.gatewayOptions = options("-Xmx1g", spec.memberOptions());
        this.addedOptions = options("-Xmx512m", spec.memberOptions());
        this.nodes = new MemberProcess[layout.nodes()];
        this.paused = new boolean[layout.nodes()];
    }

    private static List<String> options(String heap, List<String> extra) {
        List<String> all = new ArrayList<>();
        all.add(heap);
        // Five JVMs share the machine's cores: one GC thread each keeps cluster heartbeats on time during start-up.
        all.add("-XX:+UseSerialGC");
        all.addAll(extra);
        return List.copyOf(all);
    }

    /**
     * Starts the gateway, which must not run now; returns without waiting for it. It starts before the storage nodes
     * so that it can open the embedded journal's H2 file first and serve it (see {@link FloeNetwork}).
     */
    void startGateway() throws IOException {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::forceStop, "floe-network-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        String gw = NetworkLayout.GATEWAY;
        gateway = MemberProcess.start(gw, "daemon", layout.configFile(gw), layout.logFile(gw), gatewayOptions,
                hosts.prefixOf(gw));
    }

    /** Starts every storage node, after {@link #startGateway}; returns without waiting for any of them. */
    void startNodes() throws IOException {
        for (int i = 0; i < nodes.length; i++) {
            start(i);
        }
    }

    /** The gateway, once {@link #startGateway} started it. */
    MemberProcess gateway() {
        return gateway;
    }

    /** Starts node {@code i} with its options, which must not run now. */
    void start(int i) throws IOException {
        String name = NetworkLayout.nodeName(i);
        nodes[i] = MemberProcess.start(name, "node", layout.configFile(name), layout.logFile(name), nodeOptions.get(i),
                hosts.prefixOf(name));
        paused[i] = false;
    }

    /**
     * Starts storage node {@code name}, added to the network after its genesis, with the options every member gets;
     * {@code layout} must list it (its configuration file is written).
     */
    void startAdded(String name, NetworkLayout layout) throws IOException {
        added.put(name, MemberProcess.start(name, "node", layout.configFile(name), layout.logFile(name),
                addedOptions));
    }

    /** The added storage node {@code name}; it must have been started. */
    MemberProcess added(String name) {
        MemberProcess m = added.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no node " + name + " was added to this network");
        }
        return m;
    }

    int count() {
        return nodes.length;
    }

    MemberProcess node(int i) {
        return nodes[i];
    }

    /** Every storage node and the gateway, started or not yet (null). */
    List<MemberProcess> all() {
        List<MemberProcess> all = new ArrayList<>(List.of(nodes));
        all.add(gateway);
        all.addAll(added.values());
        return all;
    }

    boolean isRunning(int i) {
        return nodes[i] != null && nodes[i].isAlive();
    }

    /** Every member runs and none is frozen: the network is as it was started. */
    boolean isWhole() {
        for (int i = 0; i < nodes.length; i++) {
            if (!isRunning(i) || paused[i]) {
                return false;
            }
        }
        return gateway != null && gateway.isAlive() && added.isEmpty();
    }

    /** Stops node {@code i} gracefully (SIGTERM: it leaves the cluster), killing it if it takes over 15 s. */
    void stop(int i) {
        if (paused[i]) {
            sigcont(i); // a frozen JVM cannot run its shutdown hook
        }
        LOG.info("stopping {} (SIGTERM)", NetworkLayout.nodeName(i));
        nodes[i].stop(STOP_GRACE_MILLIS);
    }

    /** Kills node {@code i} at once (SIGKILL): no shutdown hook, no leaving, unflushed state is lost. */
    void kill9(int i) {
        LOG.info("killing {} (SIGKILL)", NetworkLayout.nodeName(i));
        paused[i] = false; // SIGKILL ends a frozen process too
        killNow(nodes[i]);
    }

    /** Kills the gateway at once (SIGKILL). */
    void kill9Gateway() {
        LOG.info("killing the gateway (SIGKILL)");
        killNow(gateway);
    }

    private static void killNow(MemberProcess member) {
        try {
            if (!member.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(member.name() + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + member.name(), e);
        }
    }

    /** Freezes node {@code i} (SIGSTOP); see {@link FloeNetwork#sigstop}. */
    void sigstop(int i) {
        LOG.info("pausing {} (SIGSTOP)", NetworkLayout.nodeName(i));
        NodeFaults.signal(nodes[i].pid(), "STOP");
        paused[i] = true;
    }

    /** Continues node {@code i} after {@link #sigstop} (SIGCONT). */
    void sigcont(int i) {
        LOG.info("continuing {} (SIGCONT)", NetworkLayout.nodeName(i));
        NodeFaults.signal(nodes[i].pid(), "CONT");
        paused[i] = false;
    }

    /** Every member whose process is alive now. */
    List<MemberProcess> running() {
        List<MemberProcess> alive = new ArrayList<>();
        for (MemberProcess m : all()) {
            if (m != null && m.isAlive()) {
                alive.add(m);
            }
        }
        return alive;
    }

    /** Stops every member still running: all are asked at once, then each is awaited (and killed after 15 s). */
    @Override
    public void close() {
        for (int i = 0; i < nodes.length; i++) {
            if (paused[i] && isRunning(i)) {
                try {
                    sigcont(i); // a frozen JVM cannot run its shutdown hook
                } catch (RuntimeException exitedMeanwhile) {
                    LOG.warn("cannot continue {}: {}", NetworkLayout.nodeName(i), exitedMeanwhile.toString());
                }
            }
        }
        List<MemberProcess> running = running();
        running.forEach(m -> m.process().destroy());
        running.forEach(m -> m.stop(STOP_GRACE_MILLIS));
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to: it will find nothing left to stop.
            }
            shutdownHook = null;
        }
    }

    private void forceStop() {
        running().forEach(m -> m.process().destroyForcibly());
    }
}
