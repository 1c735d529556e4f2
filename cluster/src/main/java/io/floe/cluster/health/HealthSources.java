package io.floe.cluster.health;

import io.floe.actors.ledger.CommitteeView;
import java.util.Optional;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * Where a member's health checks find the parts they look at. Pekko Management constructs the checks with the actor
 * system only, so the member hands them its committee view, on a storage member the shards it hosts, on a gateway its
 * read side, and finally the word that its start-up finished (every API bound) here as they start.
 *
 * <p>Invariant: a part is absent until the member has started it; a check that finds its part absent reports the
 * member not ready, except the read side or hosted shards on a member that does not {@linkplain #expectReadSide
 * expect} {@linkplain #expectHostedShards them}. Once set, {@link #startFinished} stays set.
 */
public final class HealthSources implements Extension {
    private static final Id ID = new Id();

    private volatile CommitteeView committees;
    private volatile ReadSideLag readSide;
    private volatile boolean readSideExpected;
    private volatile HostedShardsSource hostedShards;
    private volatile boolean hostedShardsExpected;
    private volatile boolean startFinished;

    private HealthSources() {
    }

    public static HealthSources get(ClassicActorSystemProvider system) {
        return ID.get(system.classicSystem());
    }

    /** The member's view of the committees, once its committee cache runs. */
    public void committees(CommitteeView view) {
        this.committees = view;
    }

    public Optional<CommitteeView> committees() {
        return Optional.ofNullable(committees);
    }

    /** Marks this member as one whose read side must be caught up before it is ready (a gateway). */
    public void expectReadSide() {
        this.readSideExpected = true;
    }

    public boolean readSideExpected() {
        return readSideExpected;
    }

    /** The gateway's read side, once its store is open and its projection joined. */
    public void readSide(ReadSideLag lag) {
        this.readSide = lag;
    }

    public Optional<ReadSideLag> readSide() {
        return Optional.ofNullable(readSide);
    }

    /** Marks this member as one that must host the shards its node owns before it is ready (a storage member). */
    public void expectHostedShards() {
        this.hostedShardsExpected = true;
    }

    public boolean hostedShardsExpected() {
        return hostedShardsExpected;
    }

    /** The storage node's hosted shards, once its StorageShard entities can start here. */
    public void hostedShards(HostedShardsSource source) {
        this.hostedShards = source;
    }

    public Optional<HostedShardsSource> hostedShards() {
        return Optional.ofNullable(hostedShards);
    }

    /** Says the member has finished starting: its roles run and their HTTP APIs listen. */
    public void markStartFinished() {
        this.startFinished = true;
    }

    public boolean startFinished() {
        return startFinished;
    }

    private static final class Id extends AbstractExtensionId<HealthSources> {
        @Override
        public HealthSources createExtension(ExtendedActorSystem system) {
            return new HealthSources();
        }
    }
}
