package io.floe.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.cli.local.MemberProcess;
import io.floe.cli.local.NetworkLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Floe network for a test: one JVM per storage node and a gateway JVM, started from the test's own class path
 * on free 127.0.0.1 ports, with their data and logs under one folder. {@link #start} returns only when the gateway
 * serves {@code GET /status} with every node up and every node holds all the shards the committee gives it; every
 * later wait ({@link #restart}, {@link #awaitNodeReady}) is bounded as well. Faults: {@link #kill9}, {@link #stop}
 * (SIGTERM), {@link #sigstop}/{@link #sigcont}, and while a node is down {@link #wipe} and {@link #corruptSliverFile};
 * {@link #recovery} reads a node's self-healing counters. {@link #close} stops every member that is still running
 * (continuing frozen ones first), whatever happened before; a JVM shutdown hook does the same if the test JVM itself
 * is stopped.
 */
public final class FloeNetwork implements AutoCloseable {
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Logger LOG = LoggerFactory.getLogger(FloeNetwork.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PORTS_RELEASED = Duration.ofSeconds(30);
    private static final long STOP_GRACE_MILLIS = 15_000;
    private static final String JOURNAL_FILE = "floe.mv.db";

    private final NetworkLayout layout;
    /** Per storage node: the options its JVM is started (and restarted) with. */
    private final List<List<String>> nodeOptions = new ArrayList<>();
    private final List<String> gatewayOptions;
    private final MemberProcess[] nodes;
    /** Nodes stopped with SIGSTOP and not continued yet; only touched by the test thread. */
    private final boolean[] paused;
    private MemberProcess gateway;
    private final Thread shutdownHook = new Thread(this::forceStop, "floe-network-stop");

    private FloeNetwork(NetworkLayout layout, NetworkSpec spec) {
        this.layout = layout;
        for (int i = 0; i < layout.nodes(); i++) {
            List<String> own = new ArrayList<>(spec.memberOptions());
            own.addAll(spec.nodeOptions().of(i, layout));
            nodeOptions.add(options("-Xmx512m", own));
        }
        this.gatewayOptions = options("-Xmx1g", spec.memberOptions());
        this.nodes = new MemberProcess[layout.nodes()];
        this.paused = new boolean[layout.nodes()];
    }

    /**
     * Starts a network of {@code nodes} storage nodes and {@code nShards} shards in {@code dir}. A folder that held a
     * network before is started again with its saved layout (same ports, same data), which must have this shape.
     *
     * @param extraJvmOptions options for every member JVM, e.g. {@code -Dfloe.gateway.max-body-size=16MiB}
     */
    public static FloeNetwork start(int nodes, int nShards, Path dir, String... extraJvmOptions) throws IOException {
        return start(NetworkSpec.of(nodes, nShards, dir).withMemberOptions(extraJvmOptions));
    }

    /** Starts the network {@code spec} describes; see {@link #start(int, int, Path, String...)}. */
    public static FloeNetwork start(NetworkSpec spec) throws IOException {
        int nodes = spec.nodes();
        int nShards = spec.nShards();
        Path dir = spec.dir();
        NetworkLayout layout = layout(nodes, nShards, dir);
        FloeNetwork network = new FloeNetwork(layout, spec);
        Runtime.getRuntime().addShutdownHook(network.shutdownHook);
        long started = System.nanoTime();
        try {
            layout.write();
            for (int i = 0; i < nodes; i++) {
                network.nodes[i] = network.launch(i);
            }
            String gw = NetworkLayout.GATEWAY;
            network.gateway = MemberProcess.start(gw, "daemon", layout.configFile(gw), layout.logFile(gw),
                    network.gatewayOptions);
            network.awaitReady();
        } catch (IOException | RuntimeException | AssertionError e) {
            network.printLogTails(System.err, 40);
            network.close();
            throw e;
        }
        LOG.info("Floe network of {} nodes and {} shards ready in {} s at {} (data {})", nodes, nShards,
                (System.nanoTime() - started) / 1_000_000_000, layout.gatewayUrl(), dir);
        return network;
    }

    private static NetworkLayout layout(int nodes, int nShards, Path dir) throws IOException {
        Optional<NetworkLayout> saved = NetworkLayout.read(dir);
        if (saved.isPresent()) {
            NetworkLayout old = saved.get();
            if (old.nodes() != nodes || old.nShards() != nShards) {
                throw new IllegalArgumentException(dir + " holds a network of " + old.nodes() + " nodes and "
                        + old.nShards() + " shards, not " + nodes + " and " + nShards);
            }
            int count = 2 * nodes + 2;
            Await.until(PORTS_RELEASED, () -> Ports.allFree(old.gatewayPort(), 1)
                            && Ports.allFree(old.storageBasePort(), nodes)
                            && Ports.allFree(old.arteryBasePort(), nodes + 1),
                    "the " + count + " ports of the saved layout in " + dir + " to be free");
            return old;
        }
        // One block: gateway, then the nodes' API ports, then every member's cluster port (nodes first, gateway last).
        int base = Ports.freeBlock(2 * nodes + 2);
        return new NetworkLayout(dir, nodes, nShards, base, base + 1, base + 1 + nodes);
    }

    private static List<String> options(String heap, List<String> extra) {
        List<String> all = new ArrayList<>();
        all.add(heap);
        // Five JVMs share the machine's cores: one GC thread each keeps cluster heartbeats on time during start-up.
        all.add("-XX:+UseSerialGC");
        all.addAll(extra);
        return List.copyOf(all);
    }

    private MemberProcess launch(int node) throws IOException {
        String name = NetworkLayout.nodeName(node);
        return MemberProcess.start(name, "node", layout.configFile(name), layout.logFile(name), nodeOptions.get(node));
    }

    public NetworkLayout layout() {
        return layout;
    }

    public int nodeCount() {
        return nodes.length;
    }

    public int nShards() {
        return layout.nShards();
    }

    public String gatewayUrl() {
        return layout.gatewayUrl();
    }

    /** The storage-node API of node {@code i} (0-based; its committee name is {@code node-(i+1)}). */
    public String nodeUrl(int i) {
        return "http://127.0.0.1:" + layout.storagePort(i);
    }

    /** The index of the node named {@code nodeId} in the committee. */
    public int nodeIndex(String nodeId) {
        for (int i = 0; i < nodes.length; i++) {
            if (NetworkLayout.nodeName(i).equals(nodeId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no node " + nodeId + " in this network");
    }

    public boolean isRunning(int i) {
        return nodes[i] != null && nodes[i].isAlive();
    }

    /** Stops node {@code i} gracefully (SIGTERM: it leaves the cluster), killing it if it takes over 15 s. */
    public void stop(int i) {
        if (paused[i]) {
            sigcont(i); // a frozen JVM cannot run its shutdown hook
        }
        LOG.info("stopping {} (SIGTERM)", NetworkLayout.nodeName(i));
        nodes[i].stop(STOP_GRACE_MILLIS);
    }

    /** Kills node {@code i} at once (SIGKILL): no shutdown hook, no leaving, unflushed state is lost. */
    public void kill9(int i) {
        LOG.info("killing {} (SIGKILL)", NetworkLayout.nodeName(i));
        paused[i] = false; // SIGKILL ends a frozen process too
        try {
            if (!nodes[i].process().destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(NetworkLayout.nodeName(i) + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + NetworkLayout.nodeName(i), e);
        }
    }

    /**
     * Freezes node {@code i} (SIGSTOP): its process stays, its sockets accept connections, nothing answers. Past the
     * cluster's failure detection and split-brain {@code stable-after} (some 8 s here) the others down it, and it
     * stops itself once continued; stay below that for a pause it survives.
     */
    public void sigstop(int i) {
        LOG.info("pausing {} (SIGSTOP)", NetworkLayout.nodeName(i));
        NodeFaults.signal(nodes[i].pid(), "STOP");
        paused[i] = true;
    }

    /** Continues node {@code i} after {@link #sigstop} (SIGCONT). */
    public void sigcont(int i) {
        LOG.info("continuing {} (SIGCONT)", NetworkLayout.nodeName(i));
        NodeFaults.signal(nodes[i].pid(), "CONT");
        paused[i] = false;
    }

    /** The data folder of node {@code i}: its key, configuration, log and sliver store. */
    public Path nodeDir(int i) {
        return layout.memberDir(NetworkLayout.nodeName(i));
    }

    /**
     * Deletes everything node {@code i} stored (sliver store, metadata, progress of its event processing) while it
     * is down, as a replaced disk would; see {@link NodeFaults#wipe}.
     */
    public void wipe(int i) throws IOException {
        requireDown(i, "wipe");
        LOG.info("wiping the data folder of {}", NetworkLayout.nodeName(i));
        NodeFaults.wipe(nodeDir(i));
    }

    /**
     * Flips bytes inside the sliver files of node {@code i} while it is down, until at least one of the
     * {@code expected} slivers no longer reads back; returns those that do not.
     * See {@link NodeFaults#corruptSliverFiles}.
     */
    public Set<NodeSlivers.Key> corruptSliverFile(int i, java.util.Map<NodeSlivers.Key, byte[]> expected) {
        requireDown(i, "corrupt the sliver files of");
        return NodeFaults.corruptSliverFiles(nodeDir(i).resolve(NodeFaults.SLIVER_STORE), expected);
    }

    private void requireDown(int i, String what) {
        if (isRunning(i)) {
            throw new IllegalStateException("cannot " + what + " " + NetworkLayout.nodeName(i) + " while it runs");
        }
    }

    /** The {@code success.data} of node {@code i}'s {@code /v1/health} answer. */
    public JsonNode health(int i) {
        Http.Response r = Http.get(nodeUrl(i) + "/v1/health", PROBE_TIMEOUT);
        if (r.status() != 200) {
            throw new IllegalStateException(NetworkLayout.nodeName(i) + " health answered " + r.status() + ": "
                    + r.excerpt());
        }
        return r.json().path("success").path("data");
    }

    /** Node {@code i}'s self-healing counters since it started, from its health answer. */
    public RecoveryCounters recovery(int i) {
        return RecoveryCounters.from(health(i));
    }

    /**
     * Starts node {@code i} again with the same configuration (stopping it first if it runs) and waits until it
     * answers its health check holding all its shards and the gateway sees it up.
     */
    public void restart(int i) throws IOException {
        if (isRunning(i)) {
            stop(i);
        }
        Await.until(PORTS_RELEASED, () -> Ports.isFree(layout.storagePort(i)) && Ports.isFree(layout.arteryPort(i)),
                "the ports of " + NetworkLayout.nodeName(i) + " to be free");
        long started = System.nanoTime();
        nodes[i] = launch(i);
        awaitNodeReady(i);
        Await.until(READY_TIMEOUT, () -> gatewaySeesUp(Set.of(NetworkLayout.nodeName(i))),
                "the gateway to see " + NetworkLayout.nodeName(i) + " up");
        LOG.info("{} restarted and holds its shards again after {} ms", NetworkLayout.nodeName(i),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Waits until node {@code i} answers {@code /v1/health} and holds every shard it owns. */
    public void awaitNodeReady(int i) {
        Await.until(READY_TIMEOUT, () -> {
            requireAlive(List.of(nodes[i]));
            return holdsOwnedShards(i);
        }, NetworkLayout.nodeName(i) + " to answer /v1/health holding all its shards");
    }

    private void awaitReady() {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < nodes.length; i++) {
            all.add(NetworkLayout.nodeName(i));
        }
        List<MemberProcess> members = new ArrayList<>(List.of(nodes));
        members.add(gateway);
        Await.until(READY_TIMEOUT, () -> {
            requireAlive(members);
            if (!gatewaySeesUp(all)) {
                return false;
            }
            for (int i = 0; i < nodes.length; i++) {
                if (!holdsOwnedShards(i)) {
                    return false;
                }
            }
            return true;
        }, "the gateway to answer /status with every node up, and every node to hold its shards");
    }

    /** A member that exits during a wait ends the wait at once (an Error passes through {@link Await}). */
    private static void requireAlive(List<MemberProcess> members) {
        for (MemberProcess m : members) {
            if (!m.isAlive()) {
                throw new AssertionError(m.name() + " exited with code " + m.process().exitValue() + "; see "
                        + m.log());
            }
        }
    }

    private boolean gatewaySeesUp(Set<String> nodeIds) {
        Http.Response r = Http.get(gatewayUrl() + "/status", PROBE_TIMEOUT);
        if (r.status() != 200) {
            return false;
        }
        Set<String> up = new HashSet<>();
        r.json().path("nodes").forEach(n -> {
            if (n.path("up").asBoolean()) {
                up.add(n.path("id").asText());
            }
        });
        return up.containsAll(nodeIds);
    }

    private boolean holdsOwnedShards(int i) {
        Http.Response r = Http.get(nodeUrl(i) + "/v1/health", PROBE_TIMEOUT);
        if (r.status() != 200) {
            return false;
        }
        JsonNode data = r.json().path("success").path("data");
        Set<Integer> owned = ints(data.path("shardsOwned"));
        return !owned.isEmpty() && ints(data.path("shardsHeld")).containsAll(owned);
    }

    private static Set<Integer> ints(JsonNode array) {
        Set<Integer> values = new HashSet<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    /**
     * The node whose JVM has the embedded journal's H2 file open: the others reach the journal through its H2
     * auto-server. Empty when no running node has it open (H2 opens it on first use after a takeover).
     */
    public OptionalInt journalOwner() {
        List<String> holders = journalHolders();
        for (int i = 0; i < nodes.length; i++) {
            if (holders.contains(NetworkLayout.nodeName(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Every running member that has the journal's H2 file open, found through {@code /proc/<pid>/fd} (so Linux
     * only). H2's auto-server lets one process open the file; more than one would mean two databases writing it.
     */
    public List<String> journalHolders() {
        Path journal = layout.journalDir().resolve(JOURNAL_FILE).toAbsolutePath().normalize();
        List<String> holders = new ArrayList<>();
        for (MemberProcess m : running()) {
            try {
                if (OpenFiles.hasOpen(m.pid(), journal)) {
                    holders.add(m.name());
                }
            } catch (UncheckedIOException exitedMeanwhile) {
                // The member exited between the listing and the look: it holds nothing now.
            }
        }
        return holders;
    }

    /** Prints the last {@code lines} lines of every member's log, for a failed test. */
    public void printLogTails(PrintStream out, int lines) {
        LogTailsOnFailure.print(layout, out, lines);
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
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to: it will find nothing left to stop.
        }
        LOG.info("Floe network in {} stopped", layout.dataDir());
    }

    private void forceStop() {
        running().forEach(m -> m.process().destroyForcibly());
    }

    private List<MemberProcess> running() {
        List<MemberProcess> all = new ArrayList<>();
        for (MemberProcess m : nodes) {
            if (m != null && m.isAlive()) {
                all.add(m);
            }
        }
        if (gateway != null && gateway.isAlive()) {
            all.add(gateway);
        }
        return all;
    }
}
