package io.floe.cli.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where the members of a network on one machine live: one folder and one configuration file per member under a
 * data folder, one shared journal (an H2 folder, or with {@code cassandraPort > 0} a Cassandra node in
 * {@code <data>/cassandra}), and the ports each member binds (all on 127.0.0.1). The layout is written once
 * ({@code layout.properties}) and read back on later starts, so a restarted network keeps its shard count, nodes,
 * journal and ports, and with them its data.
 */
public record NetworkLayout(Path dataDir, int nodes, int nShards, int gatewayPort, int storageBasePort,
                            int arteryBasePort, int cassandraPort, int cassandraStoragePort) {
    public static final String GATEWAY = "gateway";
    private static final String FILE = "layout.properties";
    /** Stake of every node of a local network, in FROST (1000 WAL): equal stakes give an even split. */
    public static final long LOCAL_STAKE = 1_000_000_000_000L;

    public NetworkLayout {
        dataDir = dataDir.toAbsolutePath().normalize();
        if (nodes < 1 || nodes > 100) {
            throw new IllegalArgumentException("--nodes must be 1..100, was " + nodes);
        }
        if ((cassandraPort == 0) != (cassandraStoragePort == 0)) {
            throw new IllegalArgumentException("Cassandra needs both ports or neither");
        }
    }

    /** A network on the embedded journal. */
    public NetworkLayout(Path dataDir, int nodes, int nShards, int gatewayPort, int storageBasePort,
                         int arteryBasePort) {
        this(dataDir, nodes, nShards, gatewayPort, storageBasePort, arteryBasePort, 0, 0);
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

    public List<String> members() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            names.add(nodeName(i));
        }
        names.add(GATEWAY);
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
        return "http://127.0.0.1:" + gatewayPort;
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
        return java.util.Optional.of(new NetworkLayout(dataDir, intOf(p, "nodes"), intOf(p, "shards"),
                intOf(p, "gateway-port"), intOf(p, "storage-base-port"), intOf(p, "artery-base-port"),
                cassandra ? intOf(p, "cassandra-port") : 0, cassandra ? intOf(p, "cassandra-storage-port") : 0));
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
        Files.createDirectories(dataDir);
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
        StringBuilder text = new StringBuilder("# Written by floe local; the network's shape. Delete the folder to start afresh.\n");
        for (String key : keys) {
            text.append(key).append('=').append(p.getProperty(key)).append('\n');
        }
        writeAtomically(dataDir.resolve(FILE), text.toString());
        List<String> members = members();
        for (int m = 0; m < members.size(); m++) {
            Files.createDirectories(memberDir(members.get(m)));
            writeAtomically(configFile(members.get(m)), memberConfig(m));
        }
    }

    /** HOCON for member {@code m} (nodes first, the gateway last). */
    String memberConfig(int m) {
        String name = members().get(m);
        boolean gateway = name.equals(GATEWAY);
        StringBuilder c = new StringBuilder("# Generated by floe local from layout.properties.\n");
        c.append("floe.member.id = \"").append(name).append("\"\n");
        c.append("floe.member.roles = [").append(gateway ? "gateway" : "storage").append("]\n");
        c.append("floe.member.data-dir = ").append(quote(memberDir(name))).append('\n');
        if (gateway) {
            c.append("floe.gateway.port = ").append(gatewayPort).append('\n');
        } else {
            c.append("floe.storage-api.port = ").append(storagePort(m)).append('\n');
        }
        if (cassandra()) {
            c.append("floe.persistence.mode = cassandra\n");
            c.append("floe.persistence.cassandra.contact-points = [\"127.0.0.1:").append(cassandraPort).append("\"]\n");
        } else {
            c.append("floe.persistence.embedded.dir = ").append(quote(journalDir())).append('\n');
        }
        c.append("floe.network.n-shards = ").append(nShards).append('\n');
        c.append("floe.network.genesis-nodes = [\n");
        for (int i = 0; i < nodes; i++) {
            c.append("  { id = \"").append(nodeName(i)).append("\", stake = ").append(LOCAL_STAKE).append(" }\n");
        }
        c.append("]\n");
        c.append("pekko.remote.artery.canonical.port = ").append(arteryPort(m)).append('\n');
        c.append("pekko.cluster.seed-nodes = [");
        for (int i = 0; i < nodes; i++) {
            c.append(i == 0 ? "" : ", ").append("\"pekko://floe@127.0.0.1:").append(arteryPort(i)).append('"');
        }
        return c.append("]\n").toString();
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
