package io.floe.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedJournalTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path journalDir;
    ActorTestKit kit;

    /** A list that grows by one persisted String event per {@link Add}. */
    static final class Items extends EventSourcedBehavior<Items.Command, String, List<String>> {
        sealed interface Command {
        }

        record Add(String item, ActorRef<Done> replyTo) implements Command {
        }

        record Get(ActorRef<List<String>> replyTo) implements Command {
        }

        Items(String id) {
            super(PersistenceId.ofUniqueId(id));
        }

        static Behavior<Command> create(String id) {
            return new Items(id);
        }

        @Override
        public List<String> emptyState() {
            return List.of();
        }

        @Override
        public CommandHandler<Command, String, List<String>> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                .onCommand(Add.class, (state, add) -> Effect().persist(add.item())
                    .thenRun(next -> add.replyTo().tell(Done.getInstance())))
                .onCommand(Get.class, (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(s)))
                .build();
        }

        @Override
        public EventHandler<List<String>, String> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent((state, item) -> {
                List<String> next = new ArrayList<>(state);
                next.add(item);
                return List.copyOf(next);
            });
        }
    }

    ActorTestKit start() throws Exception {
        Config config = EmbeddedJournal.config(journalDir)
            .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
            .withFallback(ConfigFactory.load());
        ActorTestKit started = ActorTestKit.create("journal-test", config);
        EmbeddedJournal.createSchema(started.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return started;
    }

    @AfterEach
    void stop() {
        if (kit != null) {
            kit.shutdownTestKit();
        }
    }

    @Test
    void configPointsTheJournalAtAnH2FileThatSurvivesKillAndIsShared() {
        Config config = EmbeddedJournal.config(journalDir);

        String url = config.getString("pekko-persistence-jdbc.shared-databases.floe-embedded.db.url");
        assertEquals("jdbc:h2:file:" + journalDir.toAbsolutePath()
            + "/floe;WRITE_DELAY=0;AUTO_SERVER=TRUE;REUSE_SPACE=FALSE", url);
        assertEquals("jdbc-journal", config.getString("pekko.persistence.journal.plugin"));
        assertEquals("jdbc-snapshot-store", config.getString("pekko.persistence.snapshot-store.plugin"));
        assertEquals("floe-embedded", config.getString("jdbc-journal.use-shared-db"));
        assertEquals("floe-embedded", config.getString("jdbc-read-journal.use-shared-db"));
        assertEquals(EmbeddedJournal.READ_JOURNAL_PLUGIN_ID, config.getString("floe.persistence.read-journal-plugin"));
        assertEquals("127.0.0.1", System.getProperty("h2.bindAddress"));
    }

    @Test
    void includedFileFollowsTheMembersJournalFolder() {
        Config member = ConfigFactory.parseString(
            "include classpath(\"" + EmbeddedJournal.CONFIG_RESOURCE + "\")\n"
                + "floe.persistence.embedded.dir = \"/srv/floe/journal\"\n");

        Config config = ConfigFactory.load(member);

        assertEquals("jdbc:h2:file:/srv/floe/journal/floe;WRITE_DELAY=0;AUTO_SERVER=TRUE;REUSE_SPACE=FALSE",
            config.getString("pekko-persistence-jdbc.shared-databases.floe-embedded.db.url"));
        assertEquals(4, config.getInt("pekko-persistence-jdbc.shared-databases.floe-embedded.db.maxConnections"));
        assertEquals("jdbc-journal", config.getString("pekko.persistence.journal.plugin"));
    }

    @Test
    void replaysPersistedEventsInANewActorSystemOnTheSameFolder() throws Exception {
        kit = start();
        addEach(kit.spawn(Items.create("items-1")), List.of("a", "b", "c"));
        assertAutoServerListensOnLoopback();
        kit.shutdownTestKit();
        kit = null;

        kit = start();
        ActorRef<Items.Command> replayed = kit.spawn(Items.create("items-1"));
        TestProbe<List<String>> state = kit.createTestProbe();
        replayed.tell(new Items.Get(state.getRef()));

        assertEquals(List.of("a", "b", "c"), state.receiveMessage(TIMEOUT));
        ActorRef<Items.Command> fresh = kit.spawn(Items.create("items-2"));
        fresh.tell(new Items.Get(state.getRef()));
        assertEquals(List.of(), state.receiveMessage(TIMEOUT));
    }

    @Test
    void timesTheJournalsWritesInTheMembersRegistry() throws Exception {
        kit = start();
        TestProbe<Done> acks = addEach(kit.spawn(Items.create("items-timed")), List.of("a", "b", "c"));
        io.micrometer.core.instrument.MeterRegistry registry =
                io.floe.metrics.FloeMetrics.get(kit.system()).registry();

        // Recorded when the plugin's write completes, in a callback that may run after the entity was told.
        acks.awaitAssert(TIMEOUT, () -> {
            assertEquals(3, registry.get(JournalWrites.EVENTS).tag("plugin", "jdbc").counter().count());
            assertTrue(registry.get(JournalWrites.WRITES).tags("plugin", "jdbc", "outcome", "ok").timer().count() >= 1);
            return null;
        });
    }

    /** Adds {@code items} one after the other, each acknowledged once persisted; answers the probe of the acks. */
    private TestProbe<Done> addEach(ActorRef<Items.Command> items, List<String> added) {
        TestProbe<Done> acks = kit.createTestProbe();
        for (String item : added) {
            items.tell(new Items.Add(item, acks.getRef()));
            acks.expectMessage(TIMEOUT, Done.getInstance());
        }
        return acks;
    }

    /**
     * H2 records its auto-server's port in the lock file; other members connect there. The server must accept on
     * loopback and refuse on every other local address.
     */
    void assertAutoServerListensOnLoopback() throws Exception {
        Properties lock = new Properties();
        try (Reader reader = Files.newBufferedReader(journalDir.resolve("floe.lock.db"))) {
            lock.load(reader);
        }
        String server = lock.getProperty("server", "");
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        assertTrue(connects(InetAddress.getLoopbackAddress(), port), "auto-server at " + server);
        for (InetAddress address : nonLoopbackAddresses()) {
            assertFalse(connects(address, port), "auto-server also listens on " + address);
        }
    }

    static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
            .filter(EmbeddedJournalTest::isUp)
            .flatMap(NetworkInterface::inetAddresses)
            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .toList();
    }

    static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (IOException e) {
            return false;
        }
    }
}
