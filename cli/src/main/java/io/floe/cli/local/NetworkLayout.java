package io.floe.cli.local;

import io.floe.persistence.files.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the members of a network on one machine live: one folder and one configuration file per member under a
 * data folder, one shared journal (an H2 folder, or with {@code cassandraPort > 0} a Cassandra node in
 * {@code <data>/cassandra}), and the ports each member binds (on 127.0.0.1, unless {@code hosts} gives it an address). The layout is written once
 * ({@code layout.properties}) and read back on later starts, so a restarted network keeps its shard count, nodes,
 * journal, ports and epoch length, and with them its data.
 *
 * <p>Nodes added to a running network ({@code floe local add-node}) are numbered after the genesis nodes and never
 * reuse a number: {@code addedTotal} counts every one ever added, {@code addedNodes} lists the indices (0-based among
 * added nodes) of those still part of the network. Their ports come after every port of the genesis members.
 *
 * @param epochDuration {@code floe.network.epoch-duration} of every member, as HOCON ("30s"); empty for the default
 * @param managementBasePort the first Pekko Management port ({@code floe.management.port}): member i (in the order of
 *                           the cluster ports) uses this + i; 0 for none (a layout written before it existed)
 * @param tls                whether every member serves TLS on its node API and Artery ({@code floe.tls.enabled})
 * @param hosts              the address of a member (by name, or {@value #CASSANDRA} for the layout's Cassandra node)
 *                           on a network of several hosts: it binds and announces that address alone; a name not
 *                           here is on {@value #LOOPBACK}, as every member of {@code floe local} is
 */
public record NetworkLayout(Path dataDir, int nodes, int nShards, int gatewayPort, int storageBasePort,
                            int arteryBasePort, int cassandraPort, int cassandraStoragePort, String epochDuration,
                            List<Integer> addedNodes, int addedTotal, int managementBasePort, boolean tls,
                            Map<String, String> hosts) {
    public static final String GATEWAY = "gateway";
    /** The key of the layout's own Cassandra node in {@link #hosts}. */
    public static final String CASSANDRA = "cassandra";
    public static final String LOOPBACK = "127.0.0.1";
    private static final String HOST_KEY = "host.";
    private static final String FILE = "layout.properties";
    /** Stake of every node of a local network, in FROST (1000 WAL): equal stakes give an even split. */
    public static final long LOCAL_STAKE = 1_000_000_000_000L;
    /** At most this many nodes can ever be added to one network; it bounds the ports they take. */
    public static final int MAX_ADDED = 100;
    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("[1-9][0-9]*(ms|s|m|h|d)");

    public NetworkLayout {
        dataDir = dataDir.toAbsolutePath().normalize();
        addedNodes = List.copyOf(addedNodes);
        hosts = Map.copyOf(hosts);
        checkEpochDuration(epochDuration);
        if (addedTotal < 0 || addedTotal > MAX_ADDED
                || addedNodes.stream().anyMatch(k -> k < 0 || k >= addedTotal)) {
            throw new IllegalArgumentException("added nodes " + addedNodes + " out of 0.." + addedTotal);
        }
        if (nodes < 1 || nodes > 100) {
            throw new IllegalArgumentException("--nodes must be 1..100, was " + nodes);
        }
        if ((cassandraPort == 0) != (cassandraStoragePort == 0)) {
            throw new IllegalArgumentException("Cassandra needs both ports or neither");
        }
        if (managementBasePort < 0) {
            throw new IllegalArgumentException("management port must be 0 (none) or a port, was " + managementBasePort);
        }
    }

    /** A network on the embedded journal. */
    public NetworkLayout(Path dataDir, int nodes, int nShards, int gatewayPort, int storageBasePort,
                         int arteryBasePort) {
        this(dataDir, nodes, nShards, gatewayPort, storageBasePort, arteryBasePort, 0, 0);
    }

    /** A network with the default epoch length and only its genesis nodes. */
    public NetworkLayout(Path dataDir, int nodes, int nShards, int gatewayPort, int storageBasePort,
                         int arteryBasePort, int cassandraPort, int cassandraStoragePort) {
        this(dataDir, nodes, nShards, gatewayPort, storageBasePort, arteryBasePort, cassandraPort,
                cassandraStoragePort, "", List.of(), 0, 0, false, Map.of());
    }

    /** Refuses an epoch length that is not empty (the default) nor a whole number and a unit: "30s", "10m", "1d". */
    public static void checkEpochDuration(String text) {
        if (!text.isEmpty() && !DURATION.matcher(text).matches()) {
            throw new IllegalArgumentException("an epoch length is a whole number and a unit (ms, s, m, h, d), "
                    + "e.g. 30s; was '" + text + "'");
        }
    }

    /** This layout with every member's epoch length set ("30s"; empty for the default). */
    public NetworkLayout withEpochDuration(String duration) {
        return new NetworkLayout(dataDir, nodes, nShards, gatewayPort, storageBasePort, arteryBasePort, cassandraPort,
                cassandraStoragePort, duration, addedNodes, addedTotal, managementBasePort, tls, hosts);
    }

    /** This layout with Pekko Management on every member, member i on port {@code base + i}. */
    public NetworkLayout withManagementPorts(int base) {
        return new NetworkLayout(dataDir, nodes, nShards, gatewayPort, storageBasePort, arteryBasePort, cassandraPort,
                cassandraStoragePort, epochDuration, addedNodes, addedTotal, base, tls, hosts);
    }

    /** This layout with TLS on every member's node API and Artery, or without. */
    public NetworkLayout withTls(boolean on) {
        return new NetworkLayout(dataDir, nodes, nShards, gatewayPort, storageBasePort, arteryBasePort, cassandraPort,
                cassandraStoragePort, epochDuration, addedNodes, addedTotal, managementBasePort, on, hosts);
    }

    /** This layout with its members (and Cassandra node) on the addresses {@code hosts} gives; see {@link #hosts}. */
    public NetworkLayout withHosts(Map<String, String> hosts) {
        return new NetworkLayout(dataDir, nodes, nShards, gatewayPort, storageBasePort, arteryBasePort, cassandraPort,
                cassandraStoragePort, epochDuration, addedNodes, addedTotal, managementBasePort, tls, hosts);
    }

    /** The address member {@code name} (or {@value #CASSANDRA}) binds and announces. */
    public String hostOf(String name) {
        return hosts.getOrDefault(name, LOOPBACK);
    }

    /** This layout with one more node, numbered after every node added before; its name is {@link #lastAdded}. */
    public NetworkLayout withAddedNode() {
        if (addedTotal == MAX_ADDED) {
            throw new IllegalStateException(MAX_ADDED + " nodes were added to this network already");
        }
        List<Integer> added = new ArrayList<>(addedNodes);
        added.add(addedTotal);
        return new NetworkLayout(dataDir, nodes, nShards, gatewayPort, storageBasePort, arteryBasePort, cassandraPort,
                cassandraStoragePort, epochDuration, added, addedTotal + 1, managementBasePort, tls, hosts);
    }

    /** The name of the node added last. */
    public String lastAdded() {
        return nodeName(nodes + addedTotal - 1);
    }

    /** This layout without the added node {@code name} (its number is not reused). */
    public NetworkLayout withoutAddedNode(String name) {
        List<Integer> added = new ArrayList<>(addedNodes);
        added.removeIf(k -> nodeName(nodes + k).equals(name));
        return new NetworkLayout(dataDir, nodes, nShards, gatewayPort, storageBasePort, arteryBasePort, cassandraPort,
                cassandraStoragePort, epochDuration, added, addedTotal, managementBasePort, tls, hosts);
    }

    /** Whether {@code name} is a node added to the running network and still part of it. */
    public boolean isAdded(String name) {
        return addedNodes.stream().anyMatch(k -> nodeName(nodes + k).equals(name));
    }

    /**
     * The storage API port of added node {@code k}: after the genesis nodes' ports, unless that range meets the
     * cluster ports; then after every cluster port the layout can use.
     */
    public int addedStoragePort(int k) {
        // Decided for the whole range at once, so two added nodes never get the same port.
        int lastArtery = arteryPort(nodes + MAX_ADDED);
        boolean clash = storagePort(nodes) <= lastArtery && storagePort(nodes + MAX_ADDED) >= arteryBasePort;
        return clash ? lastArtery + 1 + k : storagePort(nodes + k);
    }

    /** The cluster port of added node {@code k}: after the gateway's. */
    public int addedArteryPort(int k) {
        return arteryPort(nodes + 1 + k);
    }

    /** True when the members keep their journal in the layout's own Cassandra node. */
    public boolean cassandra() {
        return cassandraPort > 0;
    }

    /** The folder of the network's Cassandra node. */
    public Path cassandraDir() {
        return dataDir.resolve("cassandra");
    }

    public static String nodeName(int i) {
        return "node-" + (i + 1);
    }

    /** The genesis nodes, the gateway, then the added nodes still in the network. */
    public List<String> members() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            names.add(nodeName(i));
        }
        names.add(GATEWAY);
        addedNodes.forEach(k -> names.add(nodeName(nodes + k)));
        return names;
    }

    public Path memberDir(String member) {
        return dataDir.resolve(member);
    }

    public Path configFile(String member) {
        return memberDir(member).resolve("member.conf");
    }

    public Path logFile(String member) {
        return memberDir(member).resolve("floe.log");
    }

    /** The network's Artery TLS CA (with {@code --tls}): one for all its members, made by the first to start. */
    public Path clusterCaFile() {
        return dataDir.resolve("tls").resolve("cluster-ca.pem");
    }

    public Path journalDir() {
        return dataDir.resolve("journal");
    }

    public int storagePort(int node) {
        return storageBasePort + node;
    }

    public int arteryPort(int memberIndex) {
        return arteryBasePort + memberIndex;
    }

    public String gatewayUrl() {
        return "http://" + hostOf(GATEWAY) + ":" + gatewayPort;
    }

    /** The storage API of node {@code name} (genesis or added), as peers and clients reach it (https with TLS). */
    public String storageUrlOf(String name) {
        return (tls ? "https://" : "http://") + hostOf(name) + ":" + storagePortOf(name);
    }

    /** The layout saved under {@code dataDir}, if a network was created there before. */
    public static java.util.Optional<NetworkLayout> read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        boolean cassandra = "cassandra".equals(p.getProperty("journal", "embedded").trim());
        List<Integer> added = new ArrayList<>();
        for (String k : p.getProperty("added-nodes", "").split(",")) {
            if (!k.isBlank()) {
                added.add(Integer.parseInt(k.trim()));
            }
        }
        return java.util.Optional.of(new NetworkLayout(dataDir, intOf(p, "nodes"), intOf(p, "shards"),
                intOf(p, "gateway-port"), intOf(p, "storage-base-port"), intOf(p, "artery-base-port"),
                cassandra ? intOf(p, "cassandra-port") : 0, cassandra ? intOf(p, "cassandra-storage-port") : 0,
                p.getProperty("epoch-duration", "").trim(), added,
                Integer.parseInt(p.getProperty("added-total", "0").trim()),
                Integer.parseInt(p.getProperty("management-base-port", "0").trim()),
                Boolean.parseBoolean(p.getProperty("tls", "false").trim()), hostsOf(p)));
    }

    private static Map<String, String> hostsOf(Properties p) {
        Map<String, String> hosts = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(HOST_KEY)) {
                hosts.put(key.substring(HOST_KEY.length()), p.getProperty(key).trim());
            }
        }
        return hosts;
    }

    private static int intOf(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(FILE + " lacks '" + key + "'");
        }
        return Integer.parseInt(value.trim());
    }

    /** Writes the layout file and every member's configuration (atomically, each). */
    public void write() throws IOException {
        OwnerOnly.folder(dataDir);
        Properties p = new Properties();
        p.setProperty("nodes", Integer.toString(nodes));
        p.setProperty("shards", Integer.toString(nShards));
        p.setProperty("gateway-port", Integer.toString(gatewayPort));
        p.setProperty("storage-base-port", Integer.toString(storageBasePort));
        p.setProperty("artery-base-port", Integer.toString(arteryBasePort));
        p.setProperty("journal", cassandra() ? "cassandra" : "embedded");
        List<String> keys = new ArrayList<>(List.of("nodes", "shards", "gateway-port", "storage-base-port",
                "artery-base-port", "journal"));
        if (cassandra()) {
            p.setProperty("cassandra-port", Integer.toString(cassandraPort));
            p.setProperty("cassandra-storage-port", Integer.toString(cassandraStoragePort));
            keys.addAll(List.of("cassandra-port", "cassandra-storage-port"));
        }
        if (!epochDuration.isEmpty()) {
            p.setProperty("epoch-duration", epochDuration);
            keys.add("epoch-duration");
        }
        if (addedTotal > 0) {
            p.setProperty("added-nodes", addedNodes.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")));
            p.setProperty("added-total", Integer.toString(addedTotal));
            keys.addAll(List.of("added-nodes", "added-total"));
        }
        if (managementBasePort > 0) {
            p.setProperty("management-base-port", Integer.toString(managementBasePort));
            keys.add("management-base-port");
        }
        if (tls) {
            p.setProperty("tls", "true");
            keys.add("tls");
        }
        new TreeMap<>(hosts).forEach((member, host) -> {
            p.setProperty(HOST_KEY + member, host);
            keys.add(HOST_KEY + member);
        });
        StringBuilder text = new StringBuilder("# Written by floe local; the network's shape. Delete the folder to start afresh.\n");
        for (String key : keys) {
            text.append(key).append('=').append(p.getProperty(key)).append('\n');
        }
        writeAtomically(dataDir.resolve(FILE), text.toString());
        for (String member : members()) {
            OwnerOnly.folder(memberDir(member));
            writeAtomically(configFile(member), memberConfig(member));
        }
    }

    /** The storage API port of node {@code name}, genesis or added. */
    public int storagePortOf(String name) {
        int i = nodeIndex(name);
        return i < nodes ? storagePort(i) : addedStoragePort(i - nodes);
    }

    private int arteryPortOf(String name) {
        return arteryBasePort + memberIndex(name);
    }

    /**
     * The Pekko Management port of member {@code name} (genesis node, gateway or added node): in the same order as the
     * cluster ports. Meaningful only when {@code managementBasePort > 0}.
     */
    public int managementPortOf(String name) {
        return managementBasePort + memberIndex(name);
    }

    /**
     * Where member {@code name}'s Pekko Management server answers (/alive, /ready, ...), when the layout has one: on
     * the member's own host, which its config binds ({@code floe.management.hostname}).
     */
    public java.util.Optional<String> managementUrlOf(String name) {
        return managementBasePort > 0 ? java.util.Optional.of("http://" + hostOf(name) + ":" + managementPortOf(name))
                : java.util.Optional.empty();
    }

    /** The member's position among the cluster ports: genesis nodes, the gateway, then added nodes. */
    private int memberIndex(String name) {
        if (name.equals(GATEWAY)) {
            return nodes;
        }
        int i = nodeIndex(name);
        return i < nodes ? i : nodes + 1 + (i - nodes);
    }

    private static int nodeIndex(String name) {
        if (!name.startsWith("node-")) {
            throw new IllegalArgumentException("not a node name: " + name);
        }
        return Integer.parseInt(name.substring("node-".length())) - 1;
    }

    /** HOCON for member {@code name}. */
    String memberConfig(String name) {
        boolean gateway = name.equals(GATEWAY);
        StringBuilder c = new StringBuilder("# Generated by floe local from layout.properties.\n");
        c.append("floe.member.id = \"").append(name).append("\"\n");
        c.append("floe.member.roles = [").append(gateway ? "gateway" : "storage").append("]\n");
        c.append("floe.member.data-dir = ").append(quote(memberDir(name))).append('\n');
        if (gateway) {
            c.append("floe.gateway.port = ").append(gatewayPort).append('\n');
        } else {
            c.append("floe.storage-api.port = ").append(storagePortOf(name)).append('\n');
        }
        if (cassandra()) {
            c.append("floe.persistence.mode = cassandra\n");
            // A local network's own Cassandra node: its members create the keyspace and tables (off by default).
            c.append("floe.persistence.cassandra.create-schema = on\n");
            c.append("floe.persistence.cassandra.contact-points = [\"").append(hostOf(CASSANDRA)).append(':')
                    .append(cassandraPort).append("\"]\n");
        } else {
            c.append("floe.persistence.embedded.dir = ").append(quote(journalDir())).append('\n');
        }
        c.append("floe.network.n-shards = ").append(nShards).append('\n');
        // A local network has a faucet (floe get-wal): 10^6 WAL in FROST.
        c.append("floe.network.faucet-funds = 1000000000000000\n");
        if (!epochDuration.isEmpty()) {
            c.append("floe.network.epoch-duration = ").append(epochDuration).append('\n');
        }
        c.append("floe.network.genesis-nodes = [\n");
        for (int i = 0; i < nodes; i++) {
            c.append("  { id = \"").append(nodeName(i)).append("\", stake = ").append(LOCAL_STAKE).append(" }\n");
        }
        c.append("]\n");
        if (managementBasePort > 0) {
            c.append("floe.management.port = ").append(managementPortOf(name)).append('\n');
        }
        if (tls) {
            c.append("floe.tls.enabled = on\n");
            // The network's CA lives beside the members' folders; whichever member starts first creates it.
            c.append("floe.tls.artery.ca-file = ").append(quote(clusterCaFile())).append('\n');
            c.append("floe.tls.artery.create-ca = on\n");
        }
        appendHost(c, name, gateway);
        c.append("pekko.remote.artery.canonical.port = ").append(arteryPortOf(name)).append('\n');
        c.append("pekko.cluster.seed-nodes = [");
        for (int i = 0; i < nodes; i++) {
            c.append(i == 0 ? "" : ", ").append("\"pekko://floe@").append(hostOf(nodeName(i))).append(':')
                    .append(arteryPort(i)).append('"');
        }
        return c.append("]\n").toString();
    }

    /** A member on a host of its own binds and announces that address alone; on loopback, the defaults say so. */
    private void appendHost(StringBuilder c, String name, boolean gateway) {
        if (!hosts.containsKey(name)) {
            return;
        }
        String host = '"' + hostOf(name) + "\"\n";
        c.append("pekko.remote.artery.canonical.hostname = ").append(host);
        c.append(gateway ? "floe.gateway.host = " : "floe.storage-api.host = ").append(host);
        c.append("floe.management.hostname = ").append(host);
    }

    private static String quote(Path path) {
        return '"' + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
