package io.floe.api.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.node.NodeHealth;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The dashboard's state JSON from a committee, a cluster view, the nodes' health answers and the counters. */
class DashboardStateTest {
    private static final StorageNodeInfo A = node("a");
    private static final StorageNodeInfo B = node("b");
    private static final StorageNodeInfo C = node("c");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void showsEachNodeWithItsStateShardsAndRecovery() {
        EpochCommittees epochs = EpochCommittees.genesis(committee(1, A, B, C, A, B, C, A, B, C, A), START,
                Duration.ofMinutes(10));
        NodeHealthPoller health = new NodeHealthPoller(n -> n.id().equals(C.id())
                ? CompletableFuture.failedFuture(new ConnectException("connection refused"))
                : CompletableFuture.completedFuture(health(n, 5, 2)));
        health.poll(epochs.current().members());
        ClusterView cluster = view(Map.of(A.id(), ClusterView.NodeState.UP, B.id(), ClusterView.NodeState.UNREACHABLE));

        JsonNode state = DashboardState.json(inputs(epochs, cluster, health, new Throughput()));

        assertEquals(1, state.path("epoch").path("number").asInt());
        assertEquals("EpochChangeDone", state.path("epoch").path("state").asText());
        assertEquals(0.5, state.path("epoch").path("progress").asDouble(), 1e-9, "5 of 10 minutes");
        assertTrue(state.path("epoch").path("change").isNull());
        JsonNode nodes = state.path("nodes");
        assertEquals(List.of("up", "unreachable", "down"), List.of(nodes.get(0).path("state").asText(),
                nodes.get(1).path("state").asText(), nodes.get(2).path("state").asText()));
        assertEquals("[0,3,6,9]", nodes.get(0).path("shards").toString());
        assertEquals(5, nodes.get(0).path("health").path("sliversRebuilt").asLong());
        assertEquals("connection refused", nodes.get(2).path("healthError").asText());
        assertEquals(10, state.path("recovery").path("sliversRebuilt").asLong(), "a and b's counters summed");
        assertEquals(4, state.path("recovery").path("recoveriesPending").asLong());
        assertEquals(10, state.path("shards").size());
        assertFalse(state.path("shards").get(2).path("up").asBoolean(), "shard 2 is on c, which is down");
    }

    @Test
    void showsEpochChangeProgressAndWhoHoldsMovingShards() {
        Committee previous = committee(1, A, A, A, A, A, B, B, B, B, B);
        Committee current = committee(2, A, A, A, A, C, B, B, B, B, C);
        EpochCommittees epochs = new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, START, Duration.ofMinutes(10),
                current, Optional.of(previous), Optional.empty(), Set.of(A.id()));
        ClusterView cluster = view(Map.of(A.id(), ClusterView.NodeState.UP, B.id(), ClusterView.NodeState.UP,
                C.id(), ClusterView.NodeState.UP));

        JsonNode state = DashboardState.json(inputs(epochs, cluster, NodeHealthPoller.none(), new Throughput()));

        JsonNode change = state.path("epoch").path("change");
        assertEquals(2, change.path("shardsMoving").asInt());
        assertEquals(4, change.path("syncedWeight").asInt(), "a owns 4 shards and reported its sync");
        assertEquals(7, change.path("quorumWeight").asInt(), "3w >= 2n+1 for n = 10");
        JsonNode shard4 = state.path("shards").get(4);
        assertEquals("c", shard4.path("owner").asText());
        assertEquals("a", shard4.path("holder").asText(), "c has not synced: a still holds it");
        assertTrue(shard4.path("moving").asBoolean());
    }

    @Test
    void ratesAreCounterDeltasPerSecondAndTotalsTheLatestSample() {
        Throughput throughput = new Throughput();
        long second = 1_000_000_000L;
        throughput.add(new GatewayCounters.Sample(0, 0, 0, 0, 0, 0, 0, 0));
        throughput.add(new GatewayCounters.Sample(second, 3, 3, 0, 1, 0, 3_000, 10));
        throughput.add(new GatewayCounters.Sample(3 * second, 7, 7, 1, 1, 0, 7_000, 10));

        JsonNode state = DashboardState.json(new DashboardState.Inputs(START, null, "forming", view(Map.of()),
                NodeHealthPoller.none(), throughput));

        assertEquals("[3.0,2.0]", state.path("rates").path("stores").toString());
        assertEquals("[3000.0,2000.0]", state.path("rates").path("storedBytes").toString());
        assertEquals(7, state.path("totals").path("blobsStored").asLong());
        assertEquals(1, state.path("totals").path("storesFailed").asLong());
        assertTrue(state.path("epoch").isNull());
        assertEquals("forming", state.path("error").asText());
        assertEquals(0, state.path("nodes").size());
    }

    @Test
    void keepsOneMinuteOfSamples() {
        Throughput throughput = new Throughput();
        for (int i = 0; i < 200; i++) {
            throughput.add(new GatewayCounters.Sample(i * 1_000_000_000L, i, i, 0, 0, 0, 0, 0));
        }
        List<Double> rates = throughput.rates(GatewayCounters.Sample::stores);
        assertEquals(Throughput.SAMPLES - 1, rates.size());
        assertTrue(rates.stream().allMatch(r -> r == 1.0), rates::toString);
    }

    private static DashboardState.Inputs inputs(EpochCommittees epochs, ClusterView cluster, NodeHealthPoller health,
                                                Throughput throughput) {
        return new DashboardState.Inputs(START.plus(Duration.ofMinutes(5)), epochs, null, cluster, health, throughput);
    }

    private static ClusterView view(Map<NodeId, ClusterView.NodeState> states) {
        return new ClusterView() {
            @Override
            public NodeState stateOf(NodeId node) {
                return states.getOrDefault(node, NodeState.DOWN);
            }

            @Override
            public List<Member> members() {
                return List.of(new Member("pekko://floe@127.0.0.1:1", List.of("gateway"), "Up", true));
            }
        };
    }

    private static Committee committee(int epoch, StorageNodeInfo... owners) {
        List<NodeId> ids = java.util.Arrays.stream(owners).map(StorageNodeInfo::id).toList();
        List<StorageNodeInfo> members = java.util.Arrays.stream(owners).distinct().toList();
        return new Committee(new Epoch(epoch), members, ids);
    }

    private static StorageNodeInfo node(String id) {
        return new StorageNodeInfo(new NodeId(id), "http://127.0.0.1:9/" + id, Ed25519PublicKey.of(new byte[32]), 100);
    }

    private static NodeHealth health(StorageNodeInfo node, long rebuilt, long pending) {
        return new NodeHealth(Duration.ofSeconds(3), new Epoch(1), node.publicKey(), node.id(), NodeHealth.ACTIVE,
                List.of(new ShardIndex(0)), List.of(new ShardIndex(0)),
                new NodeHealth.Recovery(rebuilt, 100, 100, 0, 0, 7, 0, 1, pending));
    }
}
