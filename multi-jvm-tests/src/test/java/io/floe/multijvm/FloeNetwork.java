package io.floe.multijvm;

import io.floe.cli.local.MemberProcess;
import io.floe.cli.local.NetworkLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Floe network for a test: one JVM per storage node and a gateway JVM ({@link MemberJvms}) on free 127.0.0.1
 * ports (or on the addresses and behind the commands of its spec's {@link MemberHosts}), with their data and logs
 * under one folder. Tests get one from {@link FloeNetworkExtension}. The gateway
 * starts first and serves the embedded journal's H2 file to the nodes, as in {@code floe local}.
 *
 * <p>Invariant: {@link #start} and {@link #restartAll} return only when the gateway serves {@code GET /status} with
 * every node up and every node holds all the shards the committee gives it ({@link NetworkProbes}); every later wait
 * ({@link #restart}) is bounded as well. Faults: {@link #kill9}, {@link #stop} (SIGTERM), {@link #sigstop}/
 * {@link #sigcont}, and while a node is down {@link #wipe} and {@link #corruptSliverFile}; {@link #recovery} reads a
 * node's self-healing counters. {@link #close} stops every member that is still running, whatever happened before;
 * a JVM shutdown hook does the same if the test JVM itself is stopped.
 */
public final class FloeNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FloeNetwork.class);
    private static final Duration PORTS_RELEASED = Duration.ofSeconds(30);
    private static final String JOURNAL_FILE = "floe.mv.db";
    private static final Duration ADDED_NODE_UP = Duration.ofSeconds(90);
    private static final Duration GATEWAY_LISTENS = Duration.ofSeconds(90);
    /** Management ports kept free for nodes a test adds to its network. */
    private static final int ADDED_NODES_ROOM = 8;

    private NetworkLayout layout;
    private final MemberJvms members;
    private final NetworkProbes probes;

    private FloeNetwork(NetworkLayout layout, NetworkSpec spec) {
        this.layout = layout;
        this.members = new MemberJvms(layout, spec);
        this.probes = new NetworkProbes(layout, members);
    }

    /**
     * Starts the network {@code spec} describes in {@code dir}. A folder that held a network before is started again
     * with its saved layout (same ports, same data), which must have this shape.
     */
    public static FloeNetwork start(NetworkSpec spec, Path dir) throws IOException {
        FloeNetwork network = new FloeNetwork(layout(spec, dir).withTls(spec.tls()), spec);
        network.layout.write();
        network.startMembers();
        return network;
    }

    private static NetworkLayout layout(NetworkSpec spec, Path dir) throws IOException {
        int nodes = spec.nodes();
        int nShards = spec.nShards();
        Optional<NetworkLayout> saved = NetworkLayout.read(dir);
        if (saved.isPresent()) {
            NetworkLayout old = saved.get();
            if (old.nodes() != nodes || old.nShards() != nShards) {
                throw new IllegalArgumentException(dir + " holds a network of " + old.nodes() + " nodes and "
                        + old.nShards() + " shards, not " + nodes + " and " + nShards);
            }
            awaitPortsFree(old);
            return old;
        }
        // One block: gateway, then the nodes' API ports, then every member's cluster port (nodes first, gateway last).
        int base = Ports.freeBlock(2 * nodes + 2);
        // Pekko Management: one port per member, in a block of its own with room for nodes added by a test.
        int management = Ports.freeBlock(nodes + 1 + ADDED_NODES_ROOM);
        return new NetworkLayout(dir, nodes, nShards, base, base + 1, base + 1 + nodes)
                .withManagementPorts(management).withHosts(spec.hosts().addresses());
    }

    private static void awaitPortsFree(NetworkLayout layout) {
        int nodes = layout.nodes();
        Await.until(PORTS_RELEASED, () -> Ports.allFree(layout.gatewayPort(), 1)
                        && Ports.allFree(layout.storageBasePort(), nodes)
                        && Ports.allFree(layout.arteryBasePort(), nodes + 1)
                        && (layout.managementBasePort() == 0 || Ports.allFree(layout.managementBasePort(), nodes + 1)),
                "the " + (2 * nodes + 2) + " ports of the layout in " + layout.dataDir() + " to be free");
    }

    /**
     * Starts every member and waits until the network is ready; on failure prints the logs and stops them all. A
     * start-up that fails because a member exited is tried once more on the same folder: on a loaded machine the
     * gateway, which starts first, has been seen to quarantine a node whose control stream restarted just after its
     * handshake (Artery quarantines a known peer on such a restart), and the node then downs itself.
     */
    private void startMembers() throws IOException {
        long started = System.nanoTime();
        try {
            startOnce();
        } catch (AssertionError memberExited) {
            LOG.warn("A member exited during start-up ({}); starting the network once more", memberExited.getMessage());
            startOnce();
        }
        LOG.info("Floe network of {} nodes and {} shards ready in {} s at {} (data {})", layout.nodes(),
                layout.nShards(), (System.nanoTime() - started) / 1_000_000_000, layout.gatewayUrl(),
                layout.dataDir());
    }

    private void startOnce() throws IOException {
        try {
            startGatewayThenNodes();
            probes.awaitReady();
        } catch (IOException | RuntimeException | AssertionError e) {
            printLogTails(System.err, 40);
            close();
            if (e instanceof AssertionError) {
                awaitPortsFree(layout);
            }
            throw e;
        }
    }

    /**
     * Starts the gateway, waits until it listens (it has opened the embedded journal's H2 file by then, so it serves
     * it to the others: a storage node's death never moves the database), then the storage nodes.
     */
    private void startGatewayThenNodes() throws IOException {
        members.startGateway();
        if (!members.gateway().awaitListening(layout.hostOf(NetworkLayout.GATEWAY), layout.gatewayPort(),
                GATEWAY_LISTENS)) {
            throw new IllegalStateException("the gateway did not listen within " + GATEWAY_LISTENS.toSeconds() + " s");
        }
        members.startNodes();
    }

    /**
     * Stops every member and starts the whole network again on its folder (same layout, same data), returning once
     * it is ready as {@link #start} does: what a restart of every machine at once looks like.
     */
    public void restartAll() throws IOException {
        close();
        awaitPortsFree(layout);
        startMembers();
    }

    public NetworkLayout layout() {
        return layout;
    }

    public String gatewayUrl() {
        return layout.gatewayUrl();
    }

    /** The storage-node API of node {@code i} (0-based; its committee name is {@code node-(i+1)}). */
    public String nodeUrl(int i) {
        return probes.nodeUrl(i);
    }

    /**
     * Starts one more storage node that joins the running network with an empty stake pool (it holds no shard until
     * stake to it counts in a selected committee) and returns its name once its storage API answers.
     */
    public String addNode() throws IOException {
        return addNodes(1).get(0);
    }

    /**
     * Starts {@code count} storage nodes at once, each as {@link #addNode} does, and returns their names once every
     * one answers {@code /v1/health}: their JVMs start side by side, not one after the other.
     */
    public List<String> addNodes(int count) throws IOException {
        NetworkLayout grown = layout;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            grown = grown.withAddedNode();
            String name = grown.lastAdded();
            if (!Ports.isFree(grown.storagePortOf(name))) {
                throw new IllegalStateException("port " + grown.storagePortOf(name) + " for " + name + " is taken");
            }
            names.add(name);
        }
        grown.write();
        layout = grown;
        for (String name : names) {
            members.startAdded(name, grown);
        }
        for (String name : names) {
            Await.until(ADDED_NODE_UP, () -> {
                if (!members.added(name).isAlive()) {
                    throw new AssertionError(name + " exited; see " + members.added(name).log());
                }
                return Http.get(nodeUrl(name) + "/v1/health", Duration.ofSeconds(5)).status() == 200;
            }, name + " to answer /v1/health");
            LOG.info("{} added to the network, storage API at {}", name, nodeUrl(name));
        }
        return names;
    }

    /** The Pekko Management server of member {@code name} (/alive, /ready, /cluster/members, /metrics). */
    public String managementUrl(String name) {
        return layout.managementUrlOf(name).orElseThrow(() -> new IllegalStateException("no management ports"));
    }

    /** The storage-node API of node {@code name}, genesis or added. */
    public String nodeUrl(String name) {
        return layout.storageUrlOf(name);
    }

    /** Stops node {@code name} (genesis or added) gracefully, killing it after 15 s. */
    public void stop(String name) {
        if (layout.isAdded(name)) {
            LOG.info("stopping {} (SIGTERM)", name);
            members.added(name).stop(15_000);
        } else {
            stop(nodeIndex(name));
        }
    }

    /** Kills node {@code name} (genesis or added) at once (SIGKILL). */
    public void kill9(String name) {
        if (layout.isAdded(name)) {
            LOG.info("killing {} (SIGKILL)", name);
            members.added(name).process().destroyForcibly();
        } else {
            kill9(nodeIndex(name));
        }
    }

    /** The index of the node named {@code nodeId} in the committee. */
    public int nodeIndex(String nodeId) {
        for (int i = 0; i < layout.nodes(); i++) {
            if (NetworkLayout.nodeName(i).equals(nodeId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no node " + nodeId + " in this network");
    }

    public boolean isRunning(int i) {
        return members.isRunning(i);
    }

    /**
     * Node {@code i} runs, holds every shard it owns and the gateway sees it up, now: what {@link #restart} waits for.
     * A probe that fails (a member still starting or failing over) answers false.
     */
    public boolean isServing(int i) {
        try {
            return isRunning(i) && probes.serves(i);
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Every member runs and none is frozen: another test class may use the network as it is. */
    public boolean isWhole() {
        return members.isWhole();
    }

    /** Stops node {@code i} gracefully (SIGTERM: it leaves the cluster), killing it if it takes over 15 s. */
    public void stop(int i) {
        members.stop(i);
    }

    /** Kills node {@code i} at once (SIGKILL): no shutdown hook, no leaving, unflushed state is lost. */
    public void kill9(int i) {
        members.kill9(i);
    }

    /**
     * Freezes node {@code i} (SIGSTOP): its process stays, its sockets accept connections, nothing answers. Past the
     * cluster's failure detection and split-brain {@code stable-after} (some 8 s here) the others down it, and it
     * stops itself once continued; stay below that for a pause it survives.
     */
    public void sigstop(int i) {
        members.sigstop(i);
    }

    /** Continues node {@code i} after {@link #sigstop} (SIGCONT). */
    public void sigcont(int i) {
        members.sigcont(i);
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
    public Set<NodeSlivers.Key> corruptSliverFile(int i, Map<NodeSlivers.Key, byte[]> expected) {
        requireDown(i, "corrupt the sliver files of");
        return NodeFaults.corruptSliverFiles(nodeDir(i).resolve(NodeFaults.SLIVER_STORE), expected);
    }

    /** The data folder of node {@code i}: its key, configuration, log and sliver store. */
    private Path nodeDir(int i) {
        return layout.memberDir(NetworkLayout.nodeName(i));
    }

    private void requireDown(int i, String what) {
        if (isRunning(i)) {
            throw new IllegalStateException("cannot " + what + " " + NetworkLayout.nodeName(i) + " while it runs");
        }
    }

    /** Node {@code i}'s self-healing counters since it started, from its health answer. */
    public RecoveryCounters recovery(int i) {
        return RecoveryCounters.from(probes.health(i));
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
        members.start(i);
        probes.awaitNodeReady(i);
        probes.awaitGatewaySeesUp(i);
        LOG.info("{} restarted and holds its shards again after {} ms", NetworkLayout.nodeName(i),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Kills the gateway at once (SIGKILL); in a network started by {@link #start} it serves the journal's file. */
    public void kill9Gateway() {
        members.kill9Gateway();
    }

    /**
     * Starts the gateway again after {@link #kill9Gateway} (the storage nodes keep running) and waits until it serves
     * {@code GET /status} with every node up and holding its shards.
     */
    public void restartGateway() throws IOException {
        Await.until(PORTS_RELEASED, () -> Ports.isFree(layout.gatewayPort())
                && Ports.isFree(layout.arteryPort(layout.nodes())), "the gateway's ports to be free");
        members.startGateway();
        probes.awaitReady();
    }

    /**
     * The storage node whose JVM has the embedded journal's H2 file open, serving it to the others through H2's
     * auto-server. Usually empty: the gateway starts first and serves the file ({@link #journalHolders}); a node
     * serves it only after the gateway died and that node took the file over.
     */
    public OptionalInt journalOwner() {
        List<String> holders = journalHolders();
        for (int i = 0; i < layout.nodes(); i++) {
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
        for (MemberProcess m : members.running()) {
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

    /**
     * The storage node that holds the cluster singletons (the system ledger and the sharding coordinators): the
     * running node whose singleton managers last logged a change to {@code Oldest}. Empty while none has.
     */
    public OptionalInt ledgerHolder() {
        for (int i = 0; i < layout.nodes(); i++) {
            if (isRunning(i) && lastSingletonState(layout.logFile(NetworkLayout.nodeName(i))).endsWith("-> Oldest]")) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The last singleton-manager state change a member's log shows ("" for none). */
    private static String lastSingletonState(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            String last = "";
            for (String line : lines) {
                if (line.contains("ClusterSingletonManager state change [")) {
                    last = line.strip();
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Prints the last {@code lines} lines of every member's log, for a failed test: so a failure in a member JVM is
     * visible in the test report and not only in a folder that the next run may delete.
     */
    public void printLogTails(PrintStream out, int lines) {
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

    /** Stops every member still running: all are asked at once, then each is awaited (and killed after 15 s). */
    @Override
    public void close() {
        members.close();
        LOG.info("Floe network in {} stopped", layout.dataDir());
    }
}
