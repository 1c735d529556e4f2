package io.floe.cluster.downing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRefProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.Reachability;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.remote.RemoteActorRefProvider;
import scala.Option;

/**
 * Downs members proven dead and fences this member when it is cut off from the majority (see
 * {@link FloeDowningProvider}). Every {@code probe-interval} it tries a TCP connection to each other member's Artery
 * port; {@code refusals} refusals in a row prove that nothing listens there, so the member's process (or at least its
 * actor system, whose remoting stops last) is gone and it can run no singleton or shard: a member on the side the
 * keep-majority resolver keeps ({@link Votes}) downs it at once, with no {@code stable-after} wait. A member on the
 * side the resolver gives up, as this member itself observes it, with the same unreachable members for
 * {@code fence-after}, halts its JVM, as the resolver would down it a little later (after {@code stable-after}); and
 * whatever changes meanwhile, it halts at the latest {@code stable-after} less 1 s after it found itself cut off.
 *
 * <p>Invariants: only refusals count as proof (an accepted connection or no answer resets the count); a member downs
 * another only while it is on the majority side; probes run off the actor's thread, one round at a time.
 */
final class DeathProbe extends AbstractActorWithTimers {
    /** Exit status of a fenced member, so a supervisor's log tells a fence from a crash. */
    static final int FENCED_EXIT = 75;
    private static final String TICK = "tick";

    private final DowningSettings settings;
    private final Cluster cluster = Cluster.get(getContext().getSystem());
    private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
    private final ExecutorService probes = ArteryProbe.thread("floe-death-probe");
    private final Map<Address, Integer> refusedInARow = new HashMap<>();
    private boolean probing;
    /** Since when this member has been on the minority side with the same unreachable set; -1 when it is not. */
    private long minoritySince = -1;
    /** Since when this member has been on the minority side at all (whatever changed meanwhile); -1 when it is not. */
    private long cutOffSince = -1;
    private java.util.Set<Member> lastUnreachable = java.util.Set.of();
    /** Who observed whom unreachable: the fence counts only what this member itself observes. */
    private Reachability reachability = Reachability.empty();
    /** The fence fires at the latest this long after the member found itself cut off: before the majority acts. */
    private final long fenceDeadlineNanos = getContext().getSystem().settings().config()
            .getDuration("pekko.cluster.split-brain-resolver.stable-after").minusSeconds(1).toNanos();

    /** What one round of probes found, per member address. */
    private record Probed(Map<Address, ArteryProbe.Outcome> outcomes) {
    }

    DeathProbe(DowningSettings settings) {
        this.settings = settings;
    }

    static Props props(DowningSettings settings) {
        return Props.create(DeathProbe.class, () -> new DeathProbe(settings));
    }

    @Override
    public void preStart() {
        getTimers().startTimerWithFixedDelay(TICK, TICK, settings.probeInterval());
        cluster.subscribe(getSelf(), ClusterEvent.ReachabilityChanged.class);
    }

    @Override
    public void postStop() {
        cluster.unsubscribe(getSelf());
        probes.shutdownNow();
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .matchEquals(TICK, t -> onTick())
                .match(Probed.class, this::onProbed)
                .match(ClusterEvent.ReachabilityChanged.class, changed -> reachability = changed.reachability())
                .build();
    }

    private void onTick() {
        ClusterEvent.CurrentClusterState state = cluster.state();
        fenceIfCutOff(state);
        if (settings.proofOfDeath() && !probing) {
            List<Address> others = Votes.voters(state).stream().map(Member::address)
                    .filter(a -> !a.equals(cluster.selfAddress())).toList();
            probing = true;
            Duration timeout = settings.probeTimeout();
            // Always answered, even when a probe throws: a lost answer would leave probing set and stop the probe.
            CompletableFuture.supplyAsync(() -> probeAll(others, timeout), probes)
                    .whenComplete((outcomes, error) -> getSelf().tell(
                            new Probed(error == null ? outcomes : Map.of()), getSelf()));
        }
    }

    private static Map<Address, ArteryProbe.Outcome> probeAll(List<Address> members, Duration timeout) {
        Map<Address, ArteryProbe.Outcome> outcomes = new HashMap<>();
        for (Address a : members) {
            outcomes.put(a, ArteryProbe.probe(a, timeout));
        }
        return outcomes;
    }

    private void onProbed(Probed probed) {
        probing = false;
        refusedInARow.keySet().retainAll(probed.outcomes().keySet());
        probed.outcomes().forEach((address, outcome) -> {
            int refused = outcome == ArteryProbe.Outcome.REFUSED ? refusedInARow.getOrDefault(address, 0) + 1 : 0;
            refusedInARow.put(address, refused);
            if (refused >= settings.refusals()) {
                downIfMajority(address, refused);
            }
        });
    }

    private void downIfMajority(Address dead, int refused) {
        ClusterEvent.CurrentClusterState state = cluster.state();
        Optional<Member> member = Votes.voters(state).stream().filter(m -> m.address().equals(dead)).findFirst();
        if (member.isPresent() && Votes.keepsSide(state, cluster.selfMember(), dead)) {
            log.info("Downing {}: its cluster port refused {} connections in a row, so its process is gone", dead,
                    refused);
            cluster.down(dead);
            markTerminated(member.get());
            refusedInARow.remove(dead);
        }
    }

    /**
     * Quarantines the dead incarnation, which the cluster records as "terminated" reachability: the leader removes a
     * Down member only once it is unreachable or terminated, and the failure detector would take seconds more to
     * call it unreachable. Pekko quarantines every removed member anyway; this does it a few seconds sooner.
     */
    private void markTerminated(Member dead) {
        ActorRefProvider provider = ((ExtendedActorSystem) getContext().getSystem()).provider();
        if (provider instanceof RemoteActorRefProvider remote) {
            remote.quarantine(dead.address(), Option.apply((Object) dead.uniqueAddress().longUid()),
                    "proof of death: its cluster port refuses connections");
        }
    }

    /** Halts this JVM once it has been on the side the resolver gives up for {@code fence-after}. */
    private void fenceIfCutOff(ClusterEvent.CurrentClusterState state) {
        Member self = cluster.selfMember();
        // As the resolver restarts its stable-after when the unreachable set changes, so does the fence: under load
        // the failure detector flaps, and the fence must not give a side up over flapping the resolver waits out.
        boolean changed = !state.getUnreachable().equals(lastUnreachable);
        lastUnreachable = state.getUnreachable();
        // Only this member's own observations count: a sick member that reports every other one unreachable must
        // fence itself, not make every healthy member think it is alone.
        boolean kept = self.status() != MemberStatus.up() || Votes.keepsSide(state, self, null,
                m -> !reachability.isReachable(self.uniqueAddress(), m.uniqueAddress()));
        if (changed || kept) {
            minoritySince = -1;
        }
        if (kept) {
            cutOffSince = -1;
            return;
        }
        long now = System.nanoTime();
        if (cutOffSince < 0) {
            cutOffSince = now;
        }
        if (now - cutOffSince >= fenceDeadlineNanos) {
            halt("on the minority side of the cluster for " + fenceDeadlineNanos / 1_000_000 + " ms, however its view "
                    + "changed meanwhile");
        }
        if (minoritySince < 0) {
            minoritySince = now;
            log.warning("This member is on the minority side of the cluster (unreachable: {}); it stops itself "
                    + "after {} ms unless that heals", state.getUnreachable(), settings.fenceAfter().toMillis());
        } else if (now - minoritySince >= settings.fenceAfter().toNanos()) {
            halt("on the minority side of the cluster for " + settings.fenceAfter().toMillis() + " ms");
        }
    }

    private void halt(String reason) {
        String why = "Floe member " + cluster.selfAddress() + " halts: " + reason
                + ", so the majority will take its work over";
        log.error(why);
        System.err.println(why);
        Runtime.getRuntime().halt(FENCED_EXIT);
    }
}
