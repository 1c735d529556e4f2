package io.floe.cli.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.floe.cluster.member.MemberConfig;
import io.floe.persistence.journal.JournalMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved shape of a local network, and the journal its member files choose through MemberConfig. */
class NetworkLayoutTest {
    @TempDir
    Path dir;

    @Test
    void aCassandraLayoutIsReadBackAndPointsEveryMemberAtItsNode() throws Exception {
        NetworkLayout layout = new NetworkLayout(dir, 2, 8, 31000, 31001, 31003, 19042, 17000);
        layout.write();
        assertEquals(layout, NetworkLayout.read(dir).orElseThrow());
        assertEquals(dir.resolve("cassandra"), layout.cassandraDir());
        for (String member : layout.members()) {
            Config config = MemberConfig.load(layout.configFile(member), member.equals(NetworkLayout.GATEWAY)
                    ? "gateway" : "storage");
            assertEquals(JournalMode.CASSANDRA, JournalMode.of(config), member);
            assertEquals("pekko.persistence.cassandra.journal", config.getString("pekko.persistence.journal.plugin"));
            assertEquals("pekko.persistence.cassandra.query", config.getString("floe.persistence.read-journal-plugin"));
            assertEquals(List.of("127.0.0.1:19042"), config.getStringList("datastax-java-driver.basic.contact-points"));
            assertEquals("floe", config.getString("pekko.persistence.cassandra.journal.keyspace"));
            // Off by default (production applies docs/production/schema.cql); a local network creates its own.
            assertTrue(config.getBoolean("pekko.persistence.cassandra.journal.tables-autocreate"), member);
            assertTrue(config.getBoolean("floe.persistence.cassandra.create-schema"), member);
        }
    }

    @Test
    void anEmbeddedLayoutStaysOnTheH2Journal() throws Exception {
        NetworkLayout layout = new NetworkLayout(dir, 2, 8, 31000, 31001, 31003);
        layout.write();
        NetworkLayout read = NetworkLayout.read(dir).orElseThrow();
        assertFalse(read.cassandra());
        assertEquals(layout, read);
        Config config = MemberConfig.load(layout.configFile("node-1"), "storage");
        assertEquals(JournalMode.EMBEDDED, JournalMode.of(config));
        assertEquals("jdbc-journal", config.getString("pekko.persistence.journal.plugin"));
        assertTrue(config.getString("pekko-persistence-jdbc.shared-databases.floe-embedded.db.url")
                .contains(layout.journalDir().toString()));
    }

    @Test
    void theEpochLengthIsInEveryMembersConfigAndSurvivesARestart() throws Exception {
        NetworkLayout layout = new NetworkLayout(dir, 2, 8, 31000, 31001, 31003).withEpochDuration("30s");
        layout.write();
        assertEquals(layout, NetworkLayout.read(dir).orElseThrow());
        for (String member : layout.members()) {
            Config config = MemberConfig.load(layout.configFile(member), member.equals(NetworkLayout.GATEWAY)
                    ? "gateway" : "storage");
            assertEquals(java.time.Duration.ofSeconds(30), config.getDuration("floe.network.epoch-duration"), member);
        }
        assertThrows(IllegalArgumentException.class, () -> layout.withEpochDuration("30"));
        assertThrows(IllegalArgumentException.class, () -> layout.withEpochDuration("0s"));
    }

    @Test
    void anAddedNodeJoinsWithTheGenesisConfigOnPortsNoMemberUses() throws Exception {
        // Storage ports 31001-31002 and cluster ports 31003-31005: the ports after the nodes' are the cluster's.
        NetworkLayout layout = new NetworkLayout(dir, 2, 8, 31000, 31001, 31003).withAddedNode().withAddedNode();
        layout.write();
        assertEquals(List.of("node-1", "node-2", "gateway", "node-3", "node-4"), layout.members());
        assertEquals(layout, NetworkLayout.read(dir).orElseThrow());
        java.util.Set<Integer> ports = new java.util.HashSet<>(List.of(31000));
        Config genesis = MemberConfig.load(layout.configFile("node-1"), "storage");
        for (String member : layout.members()) {
            Config config = MemberConfig.load(layout.configFile(member), member.equals(NetworkLayout.GATEWAY)
                    ? "gateway" : "storage");
            assertTrue(ports.add(config.getInt("pekko.remote.artery.canonical.port")), member);
            if (!member.equals(NetworkLayout.GATEWAY)) {
                assertTrue(ports.add(config.getInt("floe.storage-api.port")), member);
            }
            assertEquals(genesis.getList("floe.network.genesis-nodes"), config.getList("floe.network.genesis-nodes"));
            assertEquals(genesis.getStringList("pekko.cluster.seed-nodes"), config.getStringList("pekko.cluster.seed-nodes"));
        }
        assertEquals("node-4", layout.lastAdded());
        assertEquals(layout.addedStoragePort(1), layout.storagePortOf("node-4"));

        NetworkLayout shrunk = layout.withoutAddedNode("node-3");
        assertEquals(List.of("node-1", "node-2", "gateway", "node-4"), shrunk.members());
        assertFalse(shrunk.isAdded("node-3"));
        assertTrue(shrunk.isAdded("node-4"));
        assertFalse(shrunk.isAdded("node-1"));
        assertEquals("node-5", shrunk.withAddedNode().lastAdded(), "a number is never reused");
    }

    @Test
    void managementPortsAndTlsReachEveryMemberAndSurviveARestart() throws Exception {
        NetworkLayout layout = new NetworkLayout(dir, 2, 8, 31000, 31001, 31003).withManagementPorts(32000)
                .withTls(true).withAddedNode();
        layout.write();
        assertEquals(layout, NetworkLayout.read(dir).orElseThrow());
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (String member : layout.members()) {
            Config config = MemberConfig.load(layout.configFile(member), member.equals(NetworkLayout.GATEWAY)
                    ? "gateway" : "storage");
            assertTrue(config.getBoolean("floe.tls.enabled"), member);
            // One CA for the whole network, which whichever member starts first creates.
            io.floe.cluster.tls.ArteryTlsSettings tls = io.floe.cluster.tls.ArteryTlsSettings.from(config);
            assertTrue(tls.enabled() && tls.createCa(), member);
            assertEquals(java.util.Optional.of(layout.clusterCaFile()), tls.caFile(), member);
            assertEquals(layout.managementPortOf(member), config.getInt("floe.management.port"), member);
            assertTrue(ports.add(config.getInt("floe.management.port")), member);
            assertEquals("127.0.0.1", config.getString("pekko.management.http.hostname"), member);
            assertEquals(config.getInt("floe.management.port"), config.getInt("pekko.management.http.port"), member);
            assertEquals(java.util.Optional.of("http://127.0.0.1:" + layout.managementPortOf(member)),
                    layout.managementUrlOf(member));
        }
        assertEquals(java.util.Set.of(32000, 32001, 32002, 32003), ports);
        NetworkLayout plain = new NetworkLayout(dir, 2, 8, 31000, 31001, 31003);
        assertFalse(plain.memberConfig("node-1").contains("floe.management.port"), "0: no management server");
        assertFalse(plain.memberConfig("node-1").contains("floe.tls"));
        assertEquals(java.util.Optional.empty(), plain.managementUrlOf("node-1"));
    }

    @Test
    void membersOnHostsOfTheirOwnBindAndAnnounceThoseAddressesOnly() throws Exception {
        java.util.Map<String, String> hosts = java.util.Map.of("node-1", "10.77.15.11", "node-2", "10.77.15.12",
                NetworkLayout.GATEWAY, "10.77.15.10", NetworkLayout.CASSANDRA, "10.77.15.20");
        NetworkLayout layout = new NetworkLayout(dir, 2, 8, 31000, 31001, 31003, 9042, 7000).withHosts(hosts);
        layout.write();
        assertEquals(layout, NetworkLayout.read(dir).orElseThrow());
        assertEquals("http://10.77.15.10:31000", layout.gatewayUrl());
        assertEquals("http://10.77.15.12:31002", layout.storageUrlOf("node-2"));
        for (String member : layout.members()) {
            boolean gateway = member.equals(NetworkLayout.GATEWAY);
            Config config = MemberConfig.load(layout.configFile(member), gateway ? "gateway" : "storage");
            String host = hosts.get(member);
            assertEquals(host, config.getString("pekko.remote.artery.canonical.hostname"), member);
            assertEquals(host, config.getString(gateway ? "floe.gateway.host" : "floe.storage-api.host"), member);
            assertEquals(List.of("pekko://floe@10.77.15.11:31003", "pekko://floe@10.77.15.12:31004"),
                    config.getStringList("pekko.cluster.seed-nodes"), member);
            assertEquals(List.of("10.77.15.20:9042"), config.getStringList("datastax-java-driver.basic.contact-points"));
        }
        NetworkLayout managed = layout.withManagementPorts(32000);
        managed.write();
        Config node2 = MemberConfig.load(managed.configFile("node-2"), "storage");
        assertEquals("10.77.15.12", node2.getString("floe.management.hostname"));
        assertEquals(java.util.Optional.of("http://10.77.15.12:32001"), managed.managementUrlOf("node-2"),
                "the URL names the host the member's management server binds");
        String local = new NetworkLayout(dir, 2, 8, 31000, 31001, 31003).memberConfig("node-1");
        assertFalse(local.contains("hostname"), "floe local keeps the loopback defaults: " + local);
        assertTrue(local.contains("pekko://floe@127.0.0.1:31003"), local);
    }

    @Test
    void aDefaultLayoutPutsAddedNodesAfterTheGenesisNodesPorts() {
        NetworkLayout layout = new NetworkLayout(dir, 4, 100, 31415, 9185, 25520).withAddedNode();
        assertEquals(9189, layout.storagePortOf("node-5"));
        assertEquals(25525, layout.addedArteryPort(0), "after the gateway's 25524");
    }

    @Test
    void aLayoutWrittenBeforeEpochsReadsAsTheDefault() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("layout.properties"), "nodes=2\nshards=8\ngateway-port=31000\n"
                + "storage-base-port=31001\nartery-base-port=31003\njournal=embedded\n");
        NetworkLayout read = NetworkLayout.read(dir).orElseThrow();
        assertEquals("", read.epochDuration());
        assertEquals(List.of(), read.addedNodes());
        assertFalse(read.memberConfig("node-1").contains("epoch-duration"));
    }
}
