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
                           Gateway gateway, Network network, Ask ask, Recovery recovery, Scrub scrub) {

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

    /**
     * How a storage node heals itself ({@code floe.recovery}): its event processor's pacing (grace, parallelism,
     * retry and feed backoff), its recovery from peers (symbol requests served at once, request timeout, proof-free
     * symbols first, delay after a busy peer) and its inconsistency reports (timeout of one proof request).
     */
    public record Recovery(Duration grace, int parallelism, Duration retryBackoffMin, Duration retryBackoffMax,
                           Duration feedBackoffMin, Duration feedBackoffMax, int symbolRequests,
                           Duration requestTimeout, boolean proofFreeFirst, Duration busyRetryDelay,
                           Duration reportTimeout) {
    }

    /** Background re-verification of stored slivers ({@code floe.scrub}); 0 slivers per second = off. */
    public record Scrub(double sliversPerSecond, Duration passInterval) {
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
        return new FloeSettings(id, List.copyOf(roles), dataDir, storageApi(c), gateway(c, dataDir), network(c), ask(c),
                recovery(c), scrub(c));
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

    private static Recovery recovery(Config c) {
        Duration min = positiveDuration(c, "recovery.retry-backoff-min");
        Duration feedMin = positiveDuration(c, "recovery.feed-backoff-min");
        return new Recovery(notNegative(c, "recovery.grace"), positive(c, "recovery.parallelism"), min,
                atLeast(c, "recovery.retry-backoff-max", min), feedMin, atLeast(c, "recovery.feed-backoff-max", feedMin),
                positive(c, "recovery.symbol-requests"), positiveDuration(c, "recovery.request-timeout"),
                c.getBoolean("recovery.proof-free-first"), notNegative(c, "recovery.busy-retry-delay"),
                positiveDuration(c, "recovery.report-timeout"));
    }

    private static Scrub scrub(Config c) {
        double rate = c.getDouble("scrub.slivers-per-second");
        if (rate < 0 || Double.isNaN(rate)) {
            throw new ConfigException.BadValue("floe.scrub.slivers-per-second", "must be >= 0 (0 = off), was " + rate);
        }
        return new Scrub(rate, notNegative(c, "scrub.pass-interval"));
    }

    private static Duration notNegative(Config c, String path) {
        Duration value = c.getDuration(path);
        if (value.isNegative()) {
            throw new ConfigException.BadValue("floe." + path, "must not be negative, was " + value);
        }
        return value;
    }

    private static Duration positiveDuration(Config c, String path) {
        Duration value = notNegative(c, path);
        if (value.isZero()) {
            throw new ConfigException.BadValue("floe." + path, "must be positive");
        }
        return value;
    }

    private static Duration atLeast(Config c, String path, Duration min) {
        Duration value = c.getDuration(path);
        if (value.compareTo(min) < 0) {
            throw new ConfigException.BadValue("floe." + path, "must be at least " + min + ", was " + value);
        }
        return value;
    }

    private static int positive(Config c, String path) {
        int value = c.getInt(path);
        if (value < 1) {
            throw new ConfigException.BadValue("floe." + path, "must be >= 1, was " + value);
        }
        return value;
    }
}
