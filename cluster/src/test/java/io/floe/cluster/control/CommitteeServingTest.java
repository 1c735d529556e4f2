package io.floe.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.node.NodeHealth;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommitteeServingTest {
    private static final NodeId A = new NodeId("node-1");
    private static final NodeId B = new NodeId("node-2");
    /** Shards 0 and 2 on A, 1 and 3 on B. */
    private static final Committee COMMITTEE = new Committee(Epoch.GENESIS, List.of(info(A), info(B)),
            List.of(A, B, A, B));

    @Test
    void completesOnceEveryNodeHoldsEveryShardItOwns() throws Exception {
        Map<NodeId, AtomicInteger> asked = new ConcurrentHashMap<>();
        // A holds shard 0 only on its first two answers, B refuses its first answer, then both hold all.
        boolean serving = CommitteeServing.await(COMMITTEE, node -> {
            int n = asked.computeIfAbsent(node.id(), id -> new AtomicInteger()).incrementAndGet();
            if (node.id().equals(B) && n == 1) {
                return CompletableFuture.failedFuture(new java.io.IOException("connection refused"));
            }
            List<Integer> held = node.id().equals(A) ? (n <= 2 ? List.of(0) : List.of(0, 2)) : List.of(1, 3);
            return CompletableFuture.completedFuture(health(node.id(), held));
        }, Duration.ofMillis(10), Duration.ofSeconds(20)).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertTrue(serving);
        assertEquals(3, asked.get(A).get(), "asked until A held shard 2 too, not longer");
    }

    @Test
    void givesUpAfterItsBoundWhenANodeNeverServes() throws Exception {
        AtomicInteger thrown = new AtomicInteger();
        boolean serving = CommitteeServing.await(COMMITTEE, node -> {
            if (node.id().equals(B)) {
                thrown.incrementAndGet();
                throw new IllegalStateException("no client for node-2 yet");
            }
            return CompletableFuture.completedFuture(health(A, List.of(0, 2)));
        }, Duration.ofMillis(10), Duration.ofMillis(300)).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertFalse(serving);
        assertTrue(thrown.get() > 1, "asked again until the bound");
    }

    private static StorageNodeInfo info(NodeId id) {
        return new StorageNodeInfo(id, "http://127.0.0.1:1", Ed25519PublicKey.of(new byte[32]), 100);
    }

    private static NodeHealth health(NodeId id, List<Integer> held) {
        return new NodeHealth(Duration.ofSeconds(1), Epoch.GENESIS, Ed25519PublicKey.of(new byte[32]), id, "Active",
                COMMITTEE.shardsOf(id), held.stream().map(ShardIndex::new).toList());
    }
}
