package io.floe.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StakeApportionment;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The network's epoch as the gateway's {@code GET /status} shows it ({@code epochInfo}, {@code committeeInfo}), and
 * the gateway's staking routes, for tests that change committees.
 *
 * @param owners  the owner of each shard in the current committee, by shard index
 * @param stakes  each current member's stake as the committee counts it
 * @param next    the owner of each shard in the next committee once selected, else empty
 */
public record Epochs(int epoch, String state, List<String> owners, Map<String, Long> stakes, List<String> next) {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The epoch now. */
    public static Epochs of(Gateway gateway) {
        JsonNode status = gateway.status();
        JsonNode info = status.path("committeeInfo");
        int n = info.path("nShards").asInt();
        Map<String, Long> stakes = new TreeMap<>();
        info.path("currentStorageNodes").forEach(m -> stakes.put(m.path("nodeId").asText(), m.path("stake").asLong()));
        return new Epochs(status.path("epochInfo").path("currentEpoch").asInt(),
                status.path("epochInfo").path("epochState").asText(), owners(info.path("currentStorageNodes"), n),
                stakes, owners(info.path("nextStorageNodes"), n));
    }

    private static List<String> owners(JsonNode nodes, int n) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        String[] owners = new String[n];
        nodes.forEach(m -> m.path("shardIds").forEach(k -> owners[k.asInt()] = m.path("nodeId").asText()));
        return List.of(owners);
    }

    /** Whether shards still move to the current committee. */
    public boolean changing() {
        return state.equals("EpochChangeSync");
    }

    /** How many shards each current member holds. */
    public SortedMap<String, Integer> shardCounts() {
        return counts(owners);
    }

    static SortedMap<String, Integer> counts(List<String> owners) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        owners.forEach(o -> counts.merge(o, 1, Integer::sum));
        return counts;
    }

    /** What D'Hondt with Walrus's cap gives the current members for their counted stakes. */
    public SortedMap<String, Integer> dHondt() {
        List<StorageNodeInfo> nodes = new ArrayList<>();
        stakes.forEach((id, stake) -> nodes.add(new StorageNodeInfo(new NodeId(id), "http://x",
                Ed25519PublicKey.of(new byte[32]), stake)));
        SortedMap<String, Integer> counts = new TreeMap<>();
        StakeApportionment.shardCounts(nodes, owners.size()).forEach((id, c) -> counts.put(id.value(), c));
        return counts;
    }

    /** Shards whose owner differs between {@code before} and {@code after}. */
    public static int moved(List<String> before, List<String> after) {
        int moved = 0;
        for (int k = 0; k < before.size(); k++) {
            moved += before.get(k).equals(after.get(k)) ? 0 : 1;
        }
        return moved;
    }

    /** The fewest shards any assignment with {@code after}'s counts must move from {@code before}. */
    public static int minimalMoves(List<String> before, List<String> after) {
        Map<String, Integer> was = counts(before);
        Map<String, Integer> is = new HashMap<>(counts(after));
        int minimum = 0;
        for (Map.Entry<String, Integer> e : was.entrySet()) {
            minimum += Math.max(0, e.getValue() - is.getOrDefault(e.getKey(), 0));
        }
        return minimum;
    }

    /** Waits until {@code condition} holds for the epoch the gateway shows, polling it, and answers that epoch. */
    public static Epochs await(Gateway gateway, Duration bound, java.util.function.Predicate<Epochs> condition,
                               String what) {
        return Await.value(bound, () -> {
            try {
                Epochs now = of(gateway);
                return condition.test(now) ? Optional.of(now) : Optional.empty();
            } catch (RuntimeException | AssertionError gatewayBusy) {
                return Optional.empty();
            }
        }, what);
    }

    /** {@code POST /v1/staking/<action>?node=..[&amount=..]}, insisting on 200; answers the JSON. */
    public static JsonNode staking(Gateway gateway, String action, String node, long amount) {
        String url = gateway.url() + "/v1/staking/" + action + "?node=" + node + (amount > 0 ? "&amount=" + amount : "");
        Http.Response r = Http.post(url, TIMEOUT);
        if (r.status() != 200) {
            throw new AssertionError("POST " + url + " answered " + r.status() + ": " + r.excerpt());
        }
        return r.json();
    }
}
