package io.floe.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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
    /**
     * The network of the classes that let epochs pass, shared to save a start-up: 4 nodes, 12 shards, 20 s epochs, a
     * faucet for users' wallets, shard sync in batches of two blobs. {@code BlobLifecycleTest} runs on it first, then
     * {@code EpochChangeTest}, which changes the committee and stops a node (the network ends with it; its name sorts
     * after, see {@link MultiJvmClassOrder}).
     */
    static final NetworkSpec NETWORK = NetworkSpec.of(4, 12).withMemberOptions("-Dfloe.network.epoch-duration=20s",
            "-Dfloe.network.faucet-funds=1000000000000000", "-Dfloe.sync.batch-size=2");

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

    /**
     * What D'Hondt with Walrus's cap gives the current members for their counted stakes, computed here on its own
     * (not by the code under test): each shard in turn to the largest {@code stake / (shards + 1)} among members
     * below the cap, a tie to the smaller node ID; the cap is {@code n/10} from 20 members, else
     * {@code ceil(2n/members)}, raised to {@code ceil(n/members)} where it could not place every shard.
     */
    public SortedMap<String, Integer> dHondt() {
        int n = owners.size();
        List<String> ids = stakes.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted()
                .toList();
        int m = ids.size();
        long cap = m >= 20 ? n / 10 : (20L * n + 10L * m - 1) / (10L * m);
        if (cap * m < n) {
            cap = (n + m - 1) / m;
        }
        SortedMap<String, Integer> counts = new TreeMap<>();
        ids.forEach(id -> counts.put(id, 0));
        for (int seat = 0; seat < n; seat++) {
            String best = null;
            for (String id : ids) {
                if (counts.get(id) < cap && (best == null || quotientAbove(id, best, counts))) {
                    best = id;
                }
            }
            counts.merge(best, 1, Integer::sum);
        }
        counts.values().removeIf(c -> c == 0);
        return counts;
    }

    /** {@code stake(a)/(shards(a)+1) > stake(b)/(shards(b)+1)}, exactly; a tie keeps {@code b} (the smaller ID). */
    private boolean quotientAbove(String a, String b, Map<String, Integer> counts) {
        java.math.BigInteger left = java.math.BigInteger.valueOf(stakes.get(a))
                .multiply(java.math.BigInteger.valueOf(counts.get(b) + 1L));
        java.math.BigInteger right = java.math.BigInteger.valueOf(stakes.get(b))
                .multiply(java.math.BigInteger.valueOf(counts.get(a) + 1L));
        return left.compareTo(right) > 0;
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
