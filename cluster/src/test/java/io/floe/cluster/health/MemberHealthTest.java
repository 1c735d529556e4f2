package io.floe.cluster.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.floe.actors.ledger.CommitteeView;
import io.floe.encoding.index.ShardIndex;
import io.floe.persistence.journal.EmbeddedJournal;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member's management server over real HTTP on 127.0.0.1, with a one-member cluster on a real embedded journal:
 * /ready fails, naming the check, until the member is Up, has finished starting, knows a committee, (on a storage
 * member) hosts every shard its node owns and (on a gateway) its read side has caught up; /alive and
 * /cluster/members answer throughout.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MemberHealthTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ActorSystem<Void> system;
    private MemberManagement management;

    @AfterEach
    void stop() {
        if (management != null) {
            management.stop();
        }
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    @Test
    void readyOnceUpWithACommitteeAndTheJournalAnswering() throws Exception {
        startWithJournal();
        HealthSources.get(system).markStartFinished();
        assertEquals(200, get("/alive").statusCode(), "alive while it starts");
        HttpResponse<String> starting = get("/ready");
        assertEquals(500, starting.statusCode());
        // Pekko Management answers the first failed check only: here the member-Up check or the committee's.
        assertTrue(starting.body().contains("not ok")
                || starting.body().contains("committee-formed: the committee cache has not started"), starting.body());

        Cluster.get(system).join(Cluster.get(system).selfAddress());
        HealthSources.get(system).committees(Optional::empty);
        awaitResponse("/ready", r -> r.body().contains("committee-formed: no committee formed yet")
                && !r.body().contains("not ok"));
        HealthSources.get(system).committees(CommitteeView.fixed(committee()));
        awaitResponse("/ready", r -> r.statusCode() == 200);

        HttpResponse<String> members = get("/cluster/members");
        assertEquals(200, members.statusCode());
        assertTrue(members.body().contains("\"status\":\"Up\""), members.body());
        assertTrue(members.body().contains(Cluster.get(system).selfAddress().toString()), members.body());
    }

    @Test
    void aGatewayIsReadyOnlyWhenItsReadSideHasCaughtUp() throws Exception {
        startWithJournal();
        Cluster.get(system).join(Cluster.get(system).selfAddress());
        HealthSources sources = HealthSources.get(system);
        sources.markStartFinished();
        sources.committees(CommitteeView.fixed(committee()));
        sources.expectReadSide();
        awaitResponse("/ready", r -> r.body().contains("the read side has not started"));

        AtomicLong behind = new AtomicLong(501);
        sources.readSide(atMost -> CompletableFuture.completedFuture(Math.min(behind.get(), atMost + 1)));
        awaitResponse("/ready", r -> r.statusCode() == 500
                && r.body().contains("the read side is more than 500 blob events behind"));
        behind.set(3);
        awaitResponse("/ready", r -> r.statusCode() == 200);
    }

    @Test
    void notReadyUntilItHasFinishedStarting() throws Exception {
        startWithJournal();
        Cluster.get(system).join(Cluster.get(system).selfAddress());
        HealthSources sources = HealthSources.get(system);
        sources.committees(CommitteeView.fixed(committee()));
        HttpResponse<String> starting = awaitResponse("/ready", r -> !r.body().contains("not ok"));
        assertEquals(500, starting.statusCode());
        assertTrue(starting.body().contains("member-started: the member is still starting"), starting.body());

        sources.markStartFinished();
        awaitResponse("/ready", r -> r.statusCode() == 200);
    }

    @Test
    void aStorageMemberIsReadyOnlyWhenItHostsEveryShardItsNodeOwns() throws Exception {
        startWithJournal();
        Cluster.get(system).join(Cluster.get(system).selfAddress());
        HealthSources sources = HealthSources.get(system);
        sources.markStartFinished();
        sources.committees(CommitteeView.fixed(committee()));
        sources.expectHostedShards();
        awaitResponse("/ready", r -> r.statusCode() == 500
                && r.body().contains("shards-held: the storage role has not started"));

        Set<ShardIndex> hosted = ConcurrentHashMap.newKeySet();
        hosted.add(new ShardIndex(1));
        hosted.add(new ShardIndex(2));
        sources.hostedShards(new HostedShardsSource(new NodeId("node-1"), hosted::contains));
        awaitResponse("/ready", r -> r.statusCode() == 500
                && r.body().contains("shards-held: node-1 does not host yet the shards [0, 3]"));
        hosted.add(new ShardIndex(0));
        hosted.add(new ShardIndex(3));
        awaitResponse("/ready", r -> r.statusCode() == 200);
    }

    @Test
    void notReadyWhileTheJournalDoesNotAnswer() throws Exception {
        // Nothing listens on port 1: every connection of the journal's pool is refused.
        Config unreachable = ConfigFactory.parseString(EmbeddedJournal.DATABASE_PATH
                + ".url = \"jdbc:h2:tcp://127.0.0.1:1/nothing\"").withFallback(EmbeddedJournal.config(dir));
        start(unreachable);
        Cluster.get(system).join(Cluster.get(system).selfAddress());
        HealthSources.get(system).markStartFinished();
        HealthSources.get(system).committees(CommitteeView.fixed(committee()));
        HttpResponse<String> ready = awaitResponse("/ready", r -> !r.body().contains("not ok"));
        assertEquals(500, ready.statusCode());
        assertTrue(ready.body().contains("journal-reachable: the journal (jdbc-read-journal) does not answer"),
                ready.body());
    }

    private void startWithJournal() throws Exception {
        start(EmbeddedJournal.config(dir.resolve("journal")));
        EmbeddedJournal.createSchema(system).toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    private void start(Config journal) throws IOException {
        int port = freePort();
        Config config = ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0\n"
                        + "pekko.cluster.downing-provider-class = \"\"\n"
                        + "floe.management.port = " + port + "\n"
                        + "pekko.management.http.port = " + port + "\n")
                .withFallback(journal).withFallback(ConfigFactory.load()).resolve();
        system = ActorSystem.create(Behaviors.empty(), "floe", config);
        management = MemberManagement.start(system, ManagementSettings.from(config)).orElseThrow();
        assertEquals("http://127.0.0.1:" + port, management.url());
    }

    private static Committee committee() {
        NodeId node = new NodeId("node-1");
        StorageNodeInfo info = new StorageNodeInfo(node, "http://127.0.0.1:1", Ed25519PublicKey.of(new byte[32]), 100);
        return new Committee(Epoch.GENESIS, List.of(info), List.of(node, node, node, node));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(management.url() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> awaitResponse(String path, Predicate<HttpResponse<String>> wanted)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        HttpResponse<String> last = get(path);
        while (!wanted.test(last)) {
            String body = last.body();
            assertTrue(System.nanoTime() < deadline, () -> path + " within " + BOUND + ", last answer: " + body);
            Thread.sleep(100); // a poll interval: the loop awaits the condition, bounded above
            last = get(path);
        }
        return last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
