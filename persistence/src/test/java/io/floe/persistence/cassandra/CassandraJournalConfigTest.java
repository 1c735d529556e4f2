package io.floe.persistence.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.floe.persistence.journal.EmbeddedJournal;
import io.floe.persistence.journal.JournalMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CassandraJournalConfigTest {
    @Test
    void mapsFloeSettingsOntoThePluginAndTheDriver() {
        Config c = CassandraJournal.config(new CassandraJournalSettings(List.of("10.0.0.1:9042", "10.0.0.2:9142"),
                "dc-east", "floe_test", 3, false));
        assertEquals(CassandraJournal.JOURNAL_PLUGIN_ID, c.getString("pekko.persistence.journal.plugin"));
        assertEquals(CassandraJournal.SNAPSHOT_PLUGIN_ID, c.getString("pekko.persistence.snapshot-store.plugin"));
        assertEquals(CassandraJournal.READ_JOURNAL_PLUGIN_ID, c.getString("floe.persistence.read-journal-plugin"));
        for (String store : List.of("journal", "snapshot")) {
            Config plugin = c.getConfig("pekko.persistence.cassandra." + store);
            assertEquals("floe_test", plugin.getString("keyspace"), store);
            assertEquals(3, plugin.getInt("replication-factor"), store);
            assertFalse(plugin.getBoolean("keyspace-autocreate"), store);
            assertFalse(plugin.getBoolean("tables-autocreate"), store);
        }
        assertEquals(List.of("10.0.0.1:9042", "10.0.0.2:9142"),
                c.getStringList("datastax-java-driver.basic.contact-points"));
        assertEquals("dc-east", c.getString("datastax-java-driver.basic.load-balancing-policy.local-datacenter"));
    }

    @Test
    void feedReadsDayBucketsFromARecentStart() {
        Config tags = CassandraJournal.config(CassandraJournalSettings.local("127.0.0.1:9042", "floe"))
                .getConfig("pekko.persistence.cassandra.events-by-tag");
        // The plugin's Hour buckets from 2015 would make a new feed scan some 100,000 empty buckets.
        assertEquals("Day", tags.getString("bucket-size"));
        assertTrue(tags.getString("first-time-bucket").compareTo("20260101T00:00") >= 0, tags.toString());
        assertEquals(Duration.ofSeconds(1), tags.getDuration("eventual-consistency-delay"));
    }

    @Test
    void acceptsContactPointsAsACommaSeparatedString() {
        Config member = ConfigFactory.parseString("floe.persistence.cassandra.contact-points = \"a:1, b:2\"")
                .withFallback(JournalMode.CASSANDRA.journalConfig())
                .withFallback(ConfigFactory.defaultReference()).resolve();
        Config finished = JournalMode.CASSANDRA.finish(member);
        assertEquals(List.of("a:1", "b:2"), finished.getStringList("datastax-java-driver.basic.contact-points"));
        assertEquals(List.of("a:1", "b:2"), CassandraJournalSettings.from(finished).contactPoints());
    }

    @Test
    void defaultsAreOneLocalNodeAndKeyspaceFloe() {
        CassandraJournalSettings defaults = CassandraJournalSettings.from(ConfigFactory.defaultReference());
        assertEquals(new CassandraJournalSettings(List.of("127.0.0.1:9042"), "datacenter1", "floe", 1, false),
                defaults);
    }

    @Test
    void refusesSettingsCassandraCouldNotUse() {
        assertThrows(IllegalArgumentException.class, () -> CassandraJournalSettings.local("no-port", "floe"));
        assertThrows(IllegalArgumentException.class, () -> CassandraJournalSettings.local("h:9042", "bad-name"));
        assertThrows(IllegalArgumentException.class, () -> new CassandraJournalSettings(List.of(), "dc", "k", 1, true));
        assertThrows(IllegalArgumentException.class,
                () -> new CassandraJournalSettings(List.of("h:1"), "dc", "k", 0, true));
    }

    @Test
    void modeNamesItsJournalFile() {
        assertEquals(JournalMode.EMBEDDED, JournalMode.of(ConfigFactory.defaultReference()));
        assertEquals(JournalMode.CASSANDRA, JournalMode.parse(" Cassandra "));
        assertThrows(IllegalArgumentException.class, () -> JournalMode.parse("jdbc"));
        assertEquals("jdbc-journal", JournalMode.EMBEDDED.journalConfig().getString("pekko.persistence.journal.plugin"));
        assertEquals(EmbeddedJournal.READ_JOURNAL_PLUGIN_ID,
                JournalMode.EMBEDDED.journalConfig().getString("floe.persistence.read-journal-plugin"));
        assertEquals(CassandraJournal.JOURNAL_PLUGIN_ID,
                JournalMode.CASSANDRA.journalConfig().getString("pekko.persistence.journal.plugin"));
    }
}
