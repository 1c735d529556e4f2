package io.floe.cluster.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.floe.cluster.health.ManagementSettings;
import io.floe.persistence.cassandra.CassandraJournalSettings;
import io.floe.persistence.journal.JournalMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.floe.cluster.tls.ArteryTlsSettings;
import io.floe.node.http.StorageApiSettings;
import org.junit.jupiter.api.Test;

/**
 * The example member files of a three-host network (docs/production) load as members do, and describe one network:
 * the same genesis and seeds, the Cassandra journal without schema changes, every address on its own host, no two
 * servers of one host on one port.
 */
class ProductionFilesTest {
    private static final Path DIR = Path.of("..", "docs", "production");
    private static final Map<String, String> MEMBERS = Map.of("node-1.conf", "storage", "node-2.conf", "storage",
            "node-3.conf", "storage", "gateway.conf", "gateway");

    @Test
    void everyMemberFileLoadsIntoOneNetworkOnCassandraWithoutSchemaChanges() {
        Set<String> listeners = new HashSet<>();
        for (Map.Entry<String, String> file : MEMBERS.entrySet()) {
            Path path = DIR.resolve(file.getKey());
            assertTrue(Files.isRegularFile(path), path.toString());
            Config config = MemberConfig.load(path, file.getValue());
            FloeSettings settings = FloeSettings.from(config);
            String host = config.getString("pekko.remote.artery.canonical.hostname");
            assertEquals(JournalMode.CASSANDRA, JournalMode.of(config), file.getKey());
            CassandraJournalSettings cassandra = CassandraJournalSettings.from(config);
            assertFalse(cassandra.createSchema(), file.getKey());
            assertFalse(config.getBoolean("pekko.persistence.cassandra.journal.tables-autocreate"), file.getKey());
            assertEquals(3, cassandra.contactPoints().size(), file.getKey());
            assertEquals(3, settings.network().nodes().size(), file.getKey());
            assertEquals(3, config.getStringList("pekko.cluster.seed-nodes").size(), file.getKey());
            ManagementSettings management = ManagementSettings.from(config);
            assertEquals(host, management.hostname(), file.getKey());
            assertEquals(host, config.getString("pekko.management.http.hostname"), file.getKey());
            for (int port : List.of(management.port(), config.getInt("pekko.remote.artery.canonical.port"))) {
                assertTrue(listeners.add(host + ":" + port), file.getKey() + " shares " + host + ":" + port);
            }
            if (settings.isStorage()) {
                StorageApiSettings api = StorageApiSettings.from(config);
                assertEquals(host, api.host(), file.getKey());
                assertEquals("https://" + host + ":" + api.port(), api.publicUrl(), file.getKey());
                assertTrue(api.tls(), file.getKey());
            }
            ArteryTlsSettings tls = ArteryTlsSettings.from(config);
            assertTrue(tls.enabled(), file.getKey());
        }
    }
}
