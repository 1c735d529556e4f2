package io.floe.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.cli.local.MemberProcess;
import io.floe.cli.local.NetworkLayout;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a test network's members answer over HTTP, and the bounded waits built on it: a storage node is ready when it
 * answers {@code /v1/health} holding every shard it owns, the network when besides the gateway's {@code /status}
 * shows every node up. A member that exits during a wait ends the wait at once, naming its log.
 */
final class NetworkProbes {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final NetworkLayout layout;
    private final MemberJvms members;

    NetworkProbes(NetworkLayout layout, MemberJvms members) {
        this.layout = layout;
        this.members = members;
    }

    /** The storage-node API of node {@code i}. */
    String nodeUrl(int i) {
        return scheme(layout) + "://127.0.0.1:" + layout.storagePort(i);
    }

    /** {@code https} when the layout turns TLS on (node APIs serve HTTPS), else {@code http}. */
    static String scheme(NetworkLayout layout) {
        return layout.tls() ? "https" : "http";
    }

    /** The {@code success.data} of node {@code i}'s {@code /v1/health} answer. */
    JsonNode health(int i) {
        Http.Response r = Http.get(nodeUrl(i) + "/v1/health", PROBE_TIMEOUT);
        if (r.status() != 200) {
            throw new IllegalStateException(NetworkLayout.nodeName(i) + " health answered " + r.status() + ": "
                    + r.excerpt());
        }
        return r.json().path("success").path("data");
    }

    /** Waits until every member runs, the gateway sees every node up, and every node holds its shards. */
    void awaitReady() {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < members.count(); i++) {
            all.add(NetworkLayout.nodeName(i));
        }
        Await.until(READY_TIMEOUT, () -> {
            requireAlive(members.all());
            if (!gatewaySeesUp(all)) {
                return false;
            }
            for (int i = 0; i < members.count(); i++) {
                if (!holdsOwnedShards(i)) {
                    return false;
                }
            }
            return true;
        }, "the gateway to answer /status with every node up, and every node to hold its shards");
    }

    /** Waits until node {@code i} answers {@code /v1/health} and holds every shard it owns. */
    void awaitNodeReady(int i) {
        Await.until(READY_TIMEOUT, () -> {
            requireAlive(List.of(members.node(i)));
            return holdsOwnedShards(i);
        }, NetworkLayout.nodeName(i) + " to answer /v1/health holding all its shards");
    }

    /** Waits until the gateway's {@code /status} shows node {@code i} up. */
    void awaitGatewaySeesUp(int i) {
        Await.until(READY_TIMEOUT, () -> gatewaySeesUp(Set.of(NetworkLayout.nodeName(i))),
                "the gateway to see " + NetworkLayout.nodeName(i) + " up");
    }

    /** Node {@code i} holds every shard it owns and the gateway sees it up, now (no wait). */
    boolean serves(int i) {
        return holdsOwnedShards(i) && gatewaySeesUp(Set.of(NetworkLayout.nodeName(i)));
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
        Http.Response r = Http.get(layout.gatewayUrl() + "/status", PROBE_TIMEOUT);
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
}
