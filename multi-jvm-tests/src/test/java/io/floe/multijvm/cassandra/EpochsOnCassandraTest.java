package io.floe.multijvm.cassandra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.floe.cli.local.NetworkLayout;
import io.floe.encoding.metadata.BlobId;
import io.floe.multijvm.Blobs;
import io.floe.multijvm.ChangeLoad;
import io.floe.multijvm.Epochs;
import io.floe.multijvm.FloeNetwork;
import io.floe.multijvm.FloeNetworkExtension;
import io.floe.multijvm.Gateway;
import io.floe.multijvm.Http;
import io.floe.multijvm.MultiJvmTest;
import io.floe.persistence.cassandra.CassandraServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three epoch changes in a row with changing stakes, every member journaling to a real Cassandra node, while a reader
 * and a writer run through the gateway without a failed request: after each,
 * the committee's shard counts are D'Hondt's over the stakes it counts and only the shards that must move moved; every
 * blob stored in any epoch reads back in the last; and the ledger's journal in Cassandra holds every step.
 */
@MultiJvmTest
@CassandraTest
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class EpochsOnCassandraTest {
    private static final int NODES = CassandraNetwork.NODES;
    private static final long WAL = 1_000_000_000L;
    private static final Duration CHANGE = Duration.ofSeconds(120);

    @RegisterExtension
    static final FloeNetworkExtension NETWORK = CassandraNetwork.extension();

    @Test
    void threeEpochChangesWithChangingStakesKeepEveryBlobAndFollowDHondt(CassandraServer cassandra) {
        FloeNetwork network = NETWORK.network();
        Gateway gateway = new Gateway(network.gatewayUrl());
        Map<BlobId, byte[]> stored = new LinkedHashMap<>();
        Map<String, Long> stakes = new TreeMap<>();
        for (int i = 0; i < NODES; i++) {
            stakes.put(NetworkLayout.nodeName(i), NetworkLayout.LOCAL_STAKE);
        }
        // Each round changes one node's stake: more, more again elsewhere, then a withdrawal.
        List<String[]> rounds = List.of(new String[] {"stake", "node-1", "3000"},
                new String[] {"stake", "node-3", "5000"}, new String[] {"request-withdraw", "node-1", "0"});
        Epochs before = Epochs.of(gateway);
        int changesWithMoves = 0;
        for (int round = 0; round < rounds.size(); round++) {
            store(gateway, stored, round);
            String[] r = rounds.get(round);
            long amount = Long.parseLong(r[2]) * WAL;
            Epochs after;
            try (ChangeLoad load = ChangeLoad.start(gateway, stored, 40 + round)) {
                Epochs.staking(gateway, r[0], r[1], amount);
                stakes.merge(r[1], r[0].equals("stake") ? amount : -3000 * WAL, Long::sum);
                Map<String, Long> expected = new HashMap<>(stakes);
                after = Epochs.await(gateway, CHANGE, e -> !e.changing() && e.stakes().equals(expected),
                        "a committee counting stakes " + expected + " with its change done");
                load.finish("epoch " + after.epoch() + " on Cassandra");
            }
            assertEquals(after.dHondt(), after.shardCounts(), "round " + round + ": D'Hondt over " + after.stakes());
            int moved = Epochs.moved(before.owners(), after.owners());
            assertEquals(Epochs.minimalMoves(before.owners(), after.owners()), moved, "round " + round);
            System.out.printf("FIGURE epoch %d on Cassandra: %d shards moved (minimum %d), counts %s%n", after.epoch(),
                    moved, Epochs.minimalMoves(before.owners(), after.owners()), after.shardCounts());
            changesWithMoves += moved > 0 ? 1 : 0;
            before = after;
        }
        assertEquals(3, changesWithMoves, "every round moved shards");
        store(gateway, stored, rounds.size());
        for (Map.Entry<BlobId, byte[]> blob : stored.entrySet()) {
            Http.Response read = gateway.read(blob.getKey());
            assertEquals(200, read.status(), read::excerpt);
            assertArrayEquals(blob.getValue(), read.body(), "blob " + blob.getKey());
        }
        assertLedgerStepsInCassandra(cassandra, 3);
    }

    private static void store(Gateway gateway, Map<BlobId, byte[]> stored, int round) {
        for (int i = 0; i < 2; i++) {
            byte[] blob = Blobs.random(900 + 10 * round + i, 30_000 + 90_000 * i);
            stored.put(gateway.store(blob, "epochs=max").blobId(), blob);
        }
    }

    /** The ledger's events in Cassandra record at least {@code changes} selections, starts and ends of changes. */
    private static void assertLedgerStepsInCassandra(CassandraServer cassandra, int changes) {
        Map<String, Integer> manifests = new HashMap<>();
        try (CqlSession session = CqlSession.builder().addContactPoint(cassandra.address())
                .withLocalDatacenter("datacenter1").build()) {
            for (Row row : session.execute("SELECT ser_manifest FROM " + CassandraNetwork.keyspace()
                    + ".messages WHERE persistence_id = ? AND partition_nr = 0", "system-ledger")) {
                manifests.merge(row.getString("ser_manifest"), 1, Integer::sum);
            }
        }
        for (String step : List.of("ledger.NextCommitteeSelected.v1", "ledger.EpochChangeStarted.v1",
                "ledger.EpochChangeDone.v1", "ledger.Staked.v1", "ledger.StakeWithdrawalRequested.v1")) {
            int min = step.startsWith("ledger.Stake") ? 1 : changes;
            assertTrue(manifests.getOrDefault(step, 0) >= min, step + " in the ledger's journal: " + manifests);
        }
    }
}
