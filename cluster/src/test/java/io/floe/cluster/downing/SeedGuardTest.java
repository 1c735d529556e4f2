package io.floe.cluster.downing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The first seed node forms a new cluster only when no other seed can be in one: real actor systems on loopback, the
 * other seeds played by a closed port (not running), a socket that accepts and never answers (a busy or frozen
 * member, which may be in a cluster) or a fresh member that is in no cluster.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeedGuardTest {
    private final List<ActorSystem> systems = new ArrayList<>();

    @AfterEach
    void stopSystems() throws Exception {
        for (ActorSystem s : systems) {
            s.terminate();
            s.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void formsWhenTheOtherSeedRefusesConnections() throws Exception {
        int port = freePort();
        ActorSystem first = member(port, port, freePort());
        await(Duration.ofSeconds(20), () -> isMember(first));
        assertEquals(MemberStatus.up(), awaitUp(first));
    }

    @Test
    void doesNotFormWhileAnotherSeedListensWithoutAnswering() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = freePort();
            ActorSystem first = member(port, port, silent.getLocalPort());
            // Past first-seed-wait and past the 2 s seed-node-timeout the member's file asks for, which Pekko would
            // have ended by forming a cluster of its own.
            Thread.sleep(6_000);
            assertTrue(!isMember(first), "the first seed formed a cluster while another seed may run one");
        }
    }

    @Test
    void formsWhenTheOtherSeedsAreInNoClusterOrNotRunning() throws Exception {
        int firstPort = freePort();
        int otherPort = freePort();
        int deadPort = freePort();
        // The second seed nacks (it is in no cluster) but the third never answers: Pekko alone would wait for it.
        ActorSystem other = member(otherPort, firstPort, otherPort, deadPort);
        ActorSystem first = member(firstPort, firstPort, otherPort, deadPort);
        await(Duration.ofSeconds(30), () -> isMember(first) && isMember(other));
    }

    /** A member listening on {@code port} whose seed nodes listen on {@code seeds}, in that order. */
    private ActorSystem member(int port, int... seeds) {
        StringBuilder list = new StringBuilder();
        for (int s : seeds) {
            list.append(list.length() == 0 ? "" : ", ").append("\"pekko://floe@127.0.0.1:").append(s).append('"');
        }
        Config config = ConfigFactory.parseString("pekko.remote.artery.canonical.port = " + port + "\n"
                + "pekko.cluster.seed-nodes = [" + list + "]\n"
                + "pekko.cluster.seed-node-timeout = 2s\n"
                + "floe.downing.first-seed-wait = 1s\n"
                + "pekko.coordinated-shutdown.exit-jvm = off\n")
                .withFallback(ConfigFactory.load()).resolve();
        ActorSystem system = ActorSystem.create("floe", FloeDowningProvider.memberConfig(config));
        systems.add(system);
        return system;
    }

    private static boolean isMember(ActorSystem system) {
        return Cluster.get(system).selfMember().status() != MemberStatus.removed();
    }

    private static MemberStatus awaitUp(ActorSystem system) throws InterruptedException {
        await(Duration.ofSeconds(20), () -> Cluster.get(system).selfMember().status() == MemberStatus.up());
        return Cluster.get(system).selfMember().status();
    }

    private static void await(Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "not within " + bound);
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
