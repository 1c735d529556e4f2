package io.floe.actors.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.floe.actors.blob.BlobEntity;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.journal.EmbeddedJournal;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobEventFeedTest {
    @TempDir
    Path dir;
    private ActorTestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = ActorTestKit.create("feed", EmbeddedJournal.config(dir.resolve("journal"))
                .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
                .withFallback(ConfigFactory.load()));
        EmbeddedJournal.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void deliversEveryBlobEventInOrderAndResumesAfterAnOffset() throws Exception {
        BlobId first = randomBlobId();
        BlobId second = randomBlobId();
        register(first, 1);
        register(second, 2);
        register(first, 3);

        List<BlobEventEnvelope> all = feed(FeedOffset.START, 3);
        assertEquals(List.of(first, second, first), all.stream().map(BlobEventEnvelope::blobId).toList());
        assertEquals(List.of(1L, 1L, 2L), all.stream().map(BlobEventEnvelope::sequenceNr).toList());
        assertInstanceOf(BlobEntity.Registered.class, all.get(2).event());

        FeedOffset resumed = FeedOffset.parse(all.get(0).offset().text());
        List<BlobEventEnvelope> rest = feed(resumed, 2);
        assertEquals(all.subList(1, 3).stream().map(BlobEventEnvelope::offset).toList(),
                rest.stream().map(BlobEventEnvelope::offset).toList());
    }

    @Test
    void refusesTextThatIsNoOffset() {
        assertThrows(IllegalArgumentException.class, () -> FeedOffset.parse("seq:x"));
        assertThrows(IllegalArgumentException.class, () -> FeedOffset.parse("12"));
        assertEquals(FeedOffset.START, FeedOffset.of(FeedOffset.START.toPekko()));
    }

    private List<BlobEventEnvelope> feed(FeedOffset after, int count) throws Exception {
        return BlobEventFeed.from(kit.system(), after).take(count)
                .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void register(BlobId blobId, int objectSeed) {
        ActorRef<BlobEntity.Command> entity = kit.spawn(BlobEntity.create(blobId.toString(), Optional::empty));
        TestProbe<StatusReply<BlobEntity.RegisterReply>> probe = kit.createTestProbe();
        byte[] oid = new byte[32];
        oid[0] = (byte) objectSeed;
        Registration registration = new Registration(ObjectId.of(oid), "owner", 1024, 2048, Epoch.GENESIS,
                Epoch.GENESIS.plus(5), false, 10, Optional.empty());
        entity.tell(new BlobEntity.Register(registration, probe.getRef()));
        assertTrue(probe.receiveMessage(Duration.ofSeconds(20)).isSuccess());
        kit.stop(entity);
    }

    private static BlobId randomBlobId() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return BlobId.of(id);
    }
}
