package io.floe.cluster.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.floe.protocol.committee.NodeId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A member's settings, read once at start-up from the {@code floe} block (reference.conf documents every key).
 * Invalid values fail here, with the key's path, before anything starts.
 */
public record FloeSettings(String memberId, List<String> roles, Path dataDir, StorageApi storageApi,
                           Gateway gateway, Network network, Ask ask) {

    public static final String STORAGE = "storage";
    public static final String GATEWAY = "gateway";

    /** The storage-node HTTP API of this member. */
    public record StorageApi(String host, int port, String publicUrl, boolean syncWrites) {
    }

    /** The publisher/aggregator HTTP API of this member. */
    public record Gateway(String host, int port, long maxBodySize, Path spoolDir, Duration nodeRequestTimeout,
                          Duration confirmationTail, int nodeConcurrency, long storeBudget) {
    }

    /** A genesis storage node and its stake. */
    public record GenesisNode(NodeId id, long stake) {
    }

    /** Genesis values that every member of one network shares. */
    public record Network(int nShards, List<GenesisNode> genesisNodes, long storagePricePerUnit,
                          long writePricePerUnit, int maxEpochsAhead, String gatewayAccount, long gatewayFunds) {
    }

    /** Bounds of every call from HTTP routes to actors. */
    public record Ask(Duration timeout, int attempts, Duration backoff) {
    }

    public boolean isStorage() {
        return roles.contains(STORAGE);
    }

    public boolean isGateway() {
        return roles.contains(GATEWAY);
    }

    public static FloeSettings from(Config root) {
        Config c = root.getConfig("floe");
        String id = c.getString("member.id");
        new NodeId(id);
        List<String> roles = c.getStringList("member.roles");
        for (String role : roles) {
            if (!role.equals(STORAGE) && !role.equals(GATEWAY)) {
                throw new ConfigException.BadValue("floe.member.roles", "unknown role '" + role + "' (storage, gateway)");
            }
        }
        Path dataDir = Path.of(c.getString("member.data-dir")).toAbsolutePath();
        return new FloeSettings(id, List.copyOf(roles), dataDir, storageApi(c), gateway(c, dataDir), network(c), ask(c));
    }

    private static StorageApi storageApi(Config c) {
        String host = c.getString("storage-api.host");
        int port = c.getInt("storage-api.port");
        String url = c.getString("storage-api.public-url");
        return new StorageApi(host, port, url.isEmpty() ? "http://" + host + ":" + port : url,
                c.getBoolean("storage-api.sync-writes"));
    }

    private static Gateway gateway(Config c, Path dataDir) {
        String spool = c.getString("gateway.spool-dir");
        return new Gateway(c.getString("gateway.host"), c.getInt("gateway.port"), c.getBytes("gateway.max-body-size"),
                spool.isEmpty() ? dataDir.resolve("spool") : Path.of(spool).toAbsolutePath(),
                c.getDuration("gateway.node-request-timeout"), c.getDuration("gateway.confirmation-tail"),
                positive(c, "gateway.node-concurrency"), c.getBytes("gateway.store-budget"));
    }

    private static Network network(Config c) {
        List<GenesisNode> nodes = new ArrayList<>();
        for (Config node : c.getConfigList("network.genesis-nodes")) {
            nodes.add(new GenesisNode(new NodeId(node.getString("id")), node.getLong("stake")));
        }
        if (nodes.isEmpty()) {
            throw new ConfigException.BadValue("floe.network.genesis-nodes", "a network needs at least one storage node");
        }
        return new Network(positive(c, "network.n-shards"), List.copyOf(nodes), c.getLong("network.storage-price-per-unit"),
                c.getLong("network.write-price-per-unit"), positive(c, "network.max-epochs-ahead"),
                c.getString("network.gateway-account"), c.getLong("network.gateway-funds"));
    }

    private static Ask ask(Config c) {
        return new Ask(c.getDuration("ask.timeout"), positive(c, "ask.attempts"), c.getDuration("ask.backoff"));
    }

    private static int positive(Config c, String path) {
        int value = c.getInt(path);
        if (value < 1) {
            throw new ConfigException.BadValue("floe." + path, "must be >= 1, was " + value);
        }
        return value;
    }
}
