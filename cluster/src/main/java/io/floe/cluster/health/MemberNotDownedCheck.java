package io.floe.cluster.health;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;

/**
 * Liveness: the cluster has not given this member up. Once it is Down or Removed it can never rejoin with this
 * actor system; its process should end (Floe's coordinated shutdown does so) or be restarted, which is what an
 * orchestrator does with a member whose {@code /alive} fails.
 */
public final class MemberNotDownedCheck implements Supplier<CompletionStage<Boolean>> {
    /** Its name in management.conf, repeated in its answers (Pekko Management names Java checks by lambda class). */
    static final String NAME = "member-not-downed";

    private final Cluster cluster;

    public MemberNotDownedCheck(ActorSystem system) {
        this.cluster = Cluster.get(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
        // Before it joins, a member's own status reads Removed too; only a removal ends its cluster extension.
        if (cluster.isTerminated()) {
            return Checks.notHealthy(NAME + ": the cluster has removed this member");
        }
        if (cluster.selfMember().status() == MemberStatus.down()) {
            return Checks.notHealthy(NAME + ": the cluster has downed this member");
        }
        return Checks.healthy();
    }
}
