package io.floe.multijvm;

import io.floe.cli.local.NetworkLayout;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos run's faults: until a deadline, one random storage node at a time is killed -9 and restarted, frozen
 * (SIGSTOP) and continued, or stopped (SIGTERM) and restarted, with a short whole-network pause between faults.
 *
 * <p>Invariant: at most one node is faulty at a time, and only nodes holding at most {@code f} shards are chosen, so
 * never more than f shards' worth is down or frozen: every acknowledged blob stays readable and a store can always
 * gather a quorum of live shards. After each fault the node serves again ({@link #heal}) before the next one.
 *
 * <p>Node 0 is the first seed node, the one member that may form a cluster by joining itself. Restarted while the
 * others run on a loaded machine, it once joined itself (its InitJoin unanswered within Pekko's
 * {@code seed-node-timeout}) and formed a second cluster on the same journal; {@code SeedGuard} now keeps it from
 * forming while another seed listens. It is faulted unless {@code faultFirstSeed} is false.
 */
final class ChaosMonkey {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosMonkey.class);
    /** How long a continued node may take to be seen up again before it is restarted (it may have been downed). */
    private static final Duration BACK_UP = Duration.ofSeconds(40);

    /** A fault the monkey injects. */
    enum Fault { KILL, FREEZE, RESTART }

    private final FloeNetwork network;
    private final Random random;
    private final List<Integer> candidates;
    int kills;
    int freezes;
    int restarts;
    /** Continued nodes the cluster had downed while they were frozen, restarted by {@link #heal}. */
    int downedWhileFrozen;

    ChaosMonkey(FloeNetwork network, Gateway gateway, long seed, boolean faultFirstSeed) {
        this.network = network;
        this.random = new Random(seed);
        this.candidates = nodesWithAtMostF(network, gateway);
        if (!faultFirstSeed) {
            candidates.remove(Integer.valueOf(0));
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("every node holds more than f shards: no single node may be faulted");
        }
    }

    /** Injects faults one after another until {@code deadline} (System.nanoTime), leaving every node serving. */
    void runUntil(long deadline) throws IOException {
        while (System.nanoTime() < deadline) {
            int node = candidates.get(random.nextInt(candidates.size()));
            Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
            inject(fault, node);
            hold(between(2_000, 4_000)); // a whole network for a moment, so faults do not merge into one long one
        }
    }

    private void inject(Fault fault, int node) throws IOException {
        String name = NetworkLayout.nodeName(node);
        if (fault == Fault.KILL) {
            kills++;
            LOG.info("chaos: kill -9 {}", name);
            network.kill9(node);
            hold(between(1_000, 8_000));
            network.restart(node);
        } else if (fault == Fault.FREEZE) {
            freezes++;
            long millis = between(1_000, 6_000);
            LOG.info("chaos: freezing {} for {} ms", name, millis);
            network.sigstop(node);
            hold(millis);
            network.sigcont(node);
            heal(node);
        } else {
            restarts++;
            LOG.info("chaos: restarting {}", name);
            network.restart(node);
        }
    }

    /**
     * Waits until a continued node serves again; one the cluster downed while it was frozen stops itself (or serves
     * no longer) and is started again.
     */
    private void heal(int node) throws IOException {
        long deadline = System.nanoTime() + BACK_UP.toNanos();
        while (System.nanoTime() < deadline && network.isRunning(node) && !network.isServing(node)) {
            hold(Await.POLL.toMillis());
        }
        if (!network.isServing(node)) {
            downedWhileFrozen++;
            LOG.info("chaos: {} does not serve after its freeze; starting it again", NetworkLayout.nodeName(node));
            network.restart(node);
        }
    }

    private long between(long fromMillis, long toMillis) {
        return fromMillis + (long) (random.nextDouble() * (toMillis - fromMillis));
    }

    /** Keeps a fault (or the pause after one) for its drawn length: the length is the point, not a condition. */
    private static void hold(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during the chaos run", e);
        }
    }

    /** The nodes that hold at most f = (n-1)/3 shards: one of them down leaves a quorum of live shards. */
    private static List<Integer> nodesWithAtMostF(FloeNetwork network, Gateway gateway) {
        int n = network.layout().nShards();
        int f = (n - 1) / 3;
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < network.layout().nodes(); i++) {
            if (gateway.shardsOf(NetworkLayout.nodeName(i)).size() <= f) {
                nodes.add(i);
            }
        }
        return nodes;
    }
}
