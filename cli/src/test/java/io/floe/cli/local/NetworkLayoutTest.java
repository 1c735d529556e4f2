package io.floe.cli.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
