package io.floe.cluster.downing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSelection;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.pattern.Patterns;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Keeps the first seed node from forming a second cluster while another one runs. Pekko lets the first of the
 * {@code seed-nodes} form a new cluster (join itself) when every other seed answers that it is in no cluster
 * (InitJoinNack), or when none answered within {@code seed-node-timeout}. The second rule split the network: a
 * restarted first seed that did not hear the busy survivors within 5 s started a second ledger on the same journal.
 * So on the first seed that timeout is set out of reach ({@link #firstSeedConfig}) and this guard forms the cluster
 * instead, after {@code floe.downing.first-seed-wait}, once every other seed is proven to be in no cluster.
 *
 * <p>Invariant: the first seed joins itself only when, in one round of checks, each other seed's Artery port
 * refused the connection (nothing runs there) or its guard answered {@link #NOT_MEMBER}. A seed that listens and
 * does not answer (busy, frozen) may be in a cluster, so the first seed keeps waiting: Pekko joins that cluster once
 * the seed answers, or stops the member after {@code shutdown-after-unsuccessful-join-seed-nodes}. A seed in no
 * cluster cannot enter one meanwhile: only the first seed ever forms one. Every member runs a guard, to answer.
 */
final class SeedGuard extends AbstractActorWithTimers {
    /** The question one guard asks another; the answers are {@link #MEMBER} and {@link #NOT_MEMBER}. */
    static final String ASK = "floe.seed-guard.in-a-cluster?";
    static final String MEMBER = "floe.seed-guard.member";
    static final String NOT_MEMBER = "floe.seed-guard.not-member";
    /** Out of Pekko's reach: on the first seed, this guard forms the cluster, not the timeout. */
    static final Duration FIRST_SEED_NODE_TIMEOUT = Duration.ofDays(1);
    private static final String SEED_NODES = "pekko.cluster.seed-nodes";
    private static final String SEED_NODE_TIMEOUT = "pekko.cluster.seed-node-timeout";
    private static final String TICK = "tick";

    private final DowningSettings settings;
    private final Cluster cluster = Cluster.get(getContext().getSystem());
    private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
    private final ExecutorService probes = ArteryProbe.thread("floe-seed-guard");
    private boolean checking;
    private String lastReason = "";

    /** What one round of checks found: per other seed, whether it is proven to be in no cluster. */
    private record Checked(Map<Address, Boolean> inNoCluster) {
    }

    SeedGuard(DowningSettings settings) {
        this.settings = settings;
    }

    static Props props(DowningSettings settings) {
        return Props.create(SeedGuard.class, () -> new SeedGuard(settings));
    }

    /**
     * {@code config} (a member's, resolved) with Pekko's forming on timeout turned off when this member is the first
     * of several seed nodes; unchanged otherwise (the other seeds retry their joins every {@code seed-node-timeout}).
     */
    static Config firstSeedConfig(Config config) {
        List<String> seeds = config.getStringList(SEED_NODES);
        if (seeds.size() < 2) {
            return config;
        }
        Address first = AddressFromURIString.parse(seeds.get(0));
        String host = config.getString("pekko.remote.artery.canonical.hostname");
        int port = config.getInt("pekko.remote.artery.canonical.port");
        boolean isFirst = first.host().contains(host) && first.port().contains(port);
        return isFirst ? config.withValue(SEED_NODE_TIMEOUT,
                ConfigValueFactory.fromAnyRef(FIRST_SEED_NODE_TIMEOUT.toSeconds() + "s")) : config;
    }

    @Override
    public void preStart() {
        if (!otherSeeds().isEmpty()) {
            getTimers().startTimerWithFixedDelay(TICK, TICK, settings.firstSeedWait(), Duration.ofSeconds(1));
        }
    }

    @Override
    public void postStop() {
        probes.shutdownNow();
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .matchEquals(ASK, q -> getSender().tell(isMember() ? MEMBER : NOT_MEMBER, getSelf()))
                .matchEquals(TICK, t -> onTick())
                .match(Checked.class, this::onChecked)
                .build();
    }

    private List<Address> seeds() {
        return CollectionConverters.asJava(cluster.settings().SeedNodes());
    }

    /** The seeds after this one, when this member is the first seed; empty otherwise. */
    private List<Address> otherSeeds() {
        List<Address> seeds = seeds();
        return !seeds.isEmpty() && seeds.get(0).equals(cluster.selfAddress()) ? seeds.subList(1, seeds.size())
                : List.of();
    }

    private boolean isMember() {
        return cluster.selfMember().status() != MemberStatus.removed();
    }

    private void onTick() {
        if (isMember()) {
            getTimers().cancel(TICK);
        } else if (!checking) {
            checking = true;
            String path = getSelf().path().toStringWithoutAddress();
            CompletableFuture<Map<Address, Boolean>> round = CompletableFuture.completedFuture(Map.of());
            for (Address seed : otherSeeds()) {
                ActorSelection guard = getContext().actorSelection(seed + path);
                round = round.thenCombine(inNoCluster(seed, guard), (found, one) -> plus(found, seed, one));
            }
            ActorRef self = getSelf();
            // Always answered, even if a check throws (then as "maybe in a cluster": no forming on a failed round).
            Map<Address, Boolean> unknown = new java.util.LinkedHashMap<>();
            otherSeeds().forEach(seed -> unknown.put(seed, false));
            round.whenComplete((found, error) -> self.tell(new Checked(error == null ? found : unknown), self));
        }
    }

    /** True when {@code seed} refuses connections or its guard says it is in no cluster; false when unknown. */
    private CompletableFuture<Boolean> inNoCluster(Address seed, ActorSelection guard) {
        Duration timeout = settings.probeTimeout();
        return CompletableFuture.supplyAsync(() -> ArteryProbe.probe(seed, timeout), probes)
                .thenCompose(outcome -> outcome == ArteryProbe.Outcome.REFUSED
                        ? CompletableFuture.completedFuture(true)
                        : Patterns.ask(guard, ASK, timeout).toCompletableFuture()
                                .handle((answer, failure) -> NOT_MEMBER.equals(answer)));
    }

    private static Map<Address, Boolean> plus(Map<Address, Boolean> found, Address seed, boolean inNoCluster) {
        Map<Address, Boolean> more = new java.util.LinkedHashMap<>(found);
        more.put(seed, inNoCluster);
        return more;
    }

    private void onChecked(Checked checked) {
        checking = false;
        if (isMember()) {
            return;
        }
        List<Address> maybeInACluster = checked.inNoCluster().entrySet().stream().filter(e -> !e.getValue())
                .map(Map.Entry::getKey).toList();
        if (maybeInACluster.isEmpty()) {
            log.info("Forming a new cluster: every other seed node refuses connections or is in no cluster ({})",
                    checked.inNoCluster().keySet());
            getTimers().cancel(TICK);
            cluster.join(cluster.selfAddress());
            return;
        }
        String reason = "seed nodes " + maybeInACluster + " listen but have not said they are in no cluster";
        if (!reason.equals(lastReason)) {
            log.info("Not forming a new cluster yet: {}; waiting to join theirs", reason);
            lastReason = reason;
        }
    }
}
