package io.floe.cluster.health;

import io.floe.actors.ledger.CommitteeView;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Committee;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Readiness of a storage member: every shard the current committee assigns to its node is hosted here (its
 * StorageShard entity runs in this member), the same test {@code floe local} makes on {@code /v1/health}'s
 * {@code shardsHeld} and {@code shardsOwned}. Until then the node refuses slivers of the missing shards. A node the
 * committee gives no shards passes; members without a storage role pass.
 */
public final class ShardsHeldCheck implements Supplier<CompletionStage<Boolean>> {
    /** Its name in management.conf, repeated in its answers (Pekko Management names Java checks by lambda class). */
    static final String NAME = "shards-held";

    private final HealthSources sources;

    public ShardsHeldCheck(ActorSystem system) {
        this.sources = HealthSources.get(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
        Optional<HostedShardsSource> source = sources.hostedShards();
        if (source.isEmpty()) {
            return sources.hostedShardsExpected()
                    ? Checks.notHealthy(NAME + ": the storage role has not started") : Checks.healthy();
        }
        Optional<Committee> committee = sources.committees().flatMap(CommitteeView::current);
        if (committee.isEmpty()) {
            return Checks.notHealthy(NAME + ": no committee yet, so the node's shards are unknown");
        }
        HostedShardsSource held = source.get();
        List<Integer> missing = committee.get().shardsOf(held.node()).stream()
                .filter(shard -> !held.hosted().test(shard)).map(ShardIndex::value).sorted().toList();
        return missing.isEmpty() ? Checks.healthy() : Checks.notHealthy(NAME + ": " + held.node().value()
                + " does not host yet the shards " + missing + " that the committee assigns to it");
    }
}
