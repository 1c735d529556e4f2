package io.floe.cluster.downing;

import java.util.Optional;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.DowningProvider;
import org.apache.pekko.cluster.sbr.SplitBrainResolverProvider;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.OptionConverters;

/**
 * Pekko's split-brain resolver (keep-majority, for partitions and silent members) with three additions
 * ({@code pekko.cluster.downing-provider-class}): a member proven dead by refused connections is downed at once
 * ({@link DeathProbe}); a member on the minority side stops itself after {@code floe.downing.fence-after},
 * before the majority downs it; and a restarted first seed node never forms a second cluster ({@link SeedGuard}).
 * Because that fence, and not a wait, is what keeps a minority's singletons and shards from overlapping the
 * majority's, the removal margin can be short ({@code floe.downing.removal-margin}).
 *
 * <p>Invariant: a member is downed either by the resolver (unreachable and stable for {@code stable-after}, on the
 * minority side) or on proof of death by a member of the reachable majority; never otherwise.
 */
public final class FloeDowningProvider extends DowningProvider {
    private final SplitBrainResolverProvider resolver;
    private final DowningSettings settings;

    public FloeDowningProvider(ActorSystem system) {
        this.resolver = new SplitBrainResolverProvider(system);
        this.settings = DowningSettings.from(system.settings().config());
    }

    /**
     * A member's resolved configuration as it must start with this provider: on the first seed node, Pekko's forming
     * of a new cluster when the other seeds do not answer in time is turned off; {@link SeedGuard} forms it instead,
     * only when none of them can be in a cluster.
     */
    public static com.typesafe.config.Config memberConfig(com.typesafe.config.Config config) {
        return SeedGuard.firstSeedConfig(config);
    }

    @Override
    public FiniteDuration downRemovalMargin() {
        return FiniteDuration.fromNanos(settings.removalMargin().toNanos());
    }

    @Override
    public Option<Props> downingActorProps() {
        Optional<Props> sbr = OptionConverters.toJava(resolver.downingActorProps());
        return Option.apply(Props.create(Downing.class, () -> new Downing(sbr, settings)));
    }

    /** Parent of the resolver's actor and the death probe, so the cluster starts both as its one downing actor. */
    static final class Downing extends AbstractActor {
        private final Optional<Props> resolver;
        private final DowningSettings settings;

        Downing(Optional<Props> resolver, DowningSettings settings) {
            this.resolver = resolver;
            this.settings = settings;
        }

        @Override
        public void preStart() {
            String dispatcher = getContext().getProps().dispatcher();
            resolver.ifPresent(props -> getContext().actorOf(props.withDispatcher(dispatcher), "splitBrainResolver"));
            getContext().actorOf(DeathProbe.props(settings).withDispatcher(dispatcher), "deathProbe");
            getContext().actorOf(SeedGuard.props(settings).withDispatcher(dispatcher), "seedGuard");
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().build();
        }
    }
}
