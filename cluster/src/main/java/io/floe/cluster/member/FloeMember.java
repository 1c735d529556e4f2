package io.floe.cluster.member;

import com.typesafe.config.Config;
import io.floe.actors.blob.BlobEntity;
import io.floe.actors.ledger.CommitteeCache;
import io.floe.actors.ledger.SystemLedger;
import io.floe.api.node.NodeHealth;
import io.floe.cluster.control.ActorControlPlane;
import io.floe.cluster.control.BoundedAsk;
import io.floe.cluster.control.CommitteeServing;
import io.floe.cluster.downing.FloeDowningProvider;
import io.floe.cluster.health.HealthSources;
import io.floe.cluster.health.HostedShardsSource;
import io.floe.cluster.health.ManagementSettings;
import io.floe.cluster.health.MemberManagement;
import io.floe.cluster.tls.ArteryTls;
import io.floe.node.role.StorageRole;
import io.floe.persistence.cassandra.CassandraJournalSettings;
import io.floe.persistence.files.OwnerOnly;
import io.floe.persistence.journal.EmbeddedJournal;
import io.floe.persistence.journal.JournalMode;
import io.floe.protocol.committee.StorageNodeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Floe member: an ActorSystem in the cluster, the ledger singleton (or its proxy), the committee cache,
 * and the parts of its roles: a {@link StorageRole} (shards, Blob entities, node API) and/or a {@link GatewayRole}
 * (publisher and aggregator API), and with {@code floe.management.port} a Pekko Management server whose
 * {@code /ready} passes once the member is Up and has finished starting (its APIs bound), the committee formed, the
 * journal answers, (on a storage member) every shard its node owns is hosted here and (on a gateway) the read side
 * caught up. {@link #close} leaves the cluster and releases everything.
 */
public final class FloeMember implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FloeMember.class);
    /** How often the Blob shard warm-up asks whether the committee serves its shards, and how long it waits. */
    private static final Duration WARM_UP_POLL = Duration.ofMillis(500);
    private static final Duration WARM_UP_WAIT = Duration.ofMinutes(3);

    private final FloeSettings settings;
    private final ActorSystem<Void> system;
    private final CommitteeCache committees;
    private final ActorControlPlane control;
    private Optional<MemberManagement> management = Optional.empty();
    private StorageRole storage;
    private GatewayRole gateway;

    private FloeMember(FloeSettings settings, ActorSystem<Void> system, CommitteeCache committees,
                       ActorControlPlane control) {
        this.settings = settings;
        this.system = system;
        this.committees = committees;
        this.control = control;
    }

    /** Starts a member from its resolved configuration ({@link MemberConfig#load}). */
    public static FloeMember start(Config config) {
        FloeSettings settings = FloeSettings.from(config);
        try {
            OwnerOnly.folder(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data folder " + settings.dataDir(), e);
        }
        JournalMode mode = JournalMode.of(config);
        // The embedded database opens only with the network's secret, which the secured config carries.
        Config secured = mode == JournalMode.EMBEDDED ? EmbeddedJournal.secure(config) : config;
        Config running = ArteryTls.memberConfig(FloeDowningProvider.memberConfig(secured));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "floe", running);
        try {
            // First, so that /alive answers and /ready says what is missing while the member starts.
            Optional<MemberManagement> management = MemberManagement.start(system, ManagementSettings.from(config));
            FloeMember member = startParts(settings, system, mode, config);
            member.management = management;
            // Last: every role's API listens now (the binds above wait for it), so a ready member serves.
            HealthSources.get(system).markStartFinished();
            return member;
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    private static FloeMember startParts(FloeSettings settings, ActorSystem<Void> system, JournalMode mode,
                                         Config config) {
        logJournal(mode, config);
        if (settings.isStorage() && mode == JournalMode.EMBEDDED) {
            // On Cassandra the plugin creates its tables on first use with create-schema on; else the operator has
            // applied docs/production/schema.cql.
            await(EmbeddedJournal.createSchema(system).toCompletableFuture(), "creating the journal schema");
        }
        ActorRef<SystemLedger.Command> ledger = SystemLedger.init(system, settings.network());
        CommitteeCache committees = new CommitteeCache(system, ledger);
        committees.start();
        registerHealthSources(settings, system, committees);
        ActorControlPlane control = new ActorControlPlane(ClusterSharding.get(system), ledger, committees,
                new BoundedAsk(system.scheduler(), settings.ask()), settings.network().gatewayAccount());
        FloeMember member = new FloeMember(settings, system, committees, control);
        if (settings.isStorage()) {
            member.storage = StorageRole.start(system, settings.storageNode(), ledger, committees, control);
            HealthSources.get(system).hostedShards(new HostedShardsSource(settings.storageNode().nodeId(),
                    member.storage.hostedShards()::contains));
        } else {
            BlobEntity.init(system, committees);
        }
        if (settings.isGateway()) {
            member.gateway = GatewayRole.start(system, settings, control);
            if (system.settings().config().getBoolean("floe.member.warm-blob-shards")) {
                warmBlobShardsOnce(system, committees, control, member.gateway::health);
            }
        }
        LOG.info("member {} started with roles {} (data {})", settings.memberId(), settings.roles(), settings.dataDir());
        return member;
    }

    /**
     * Once the ledger has formed a committee (every genesis storage member runs its region then) and every member of
     * it serves its shards, gives every Blob entity shard its home and this member's region their addresses, off the
     * stores' path. Only a gateway does it, where every store starts: one member's asks allocate every shard; a
     * storage node's region then learns a shard's home with one question to the coordinator the first time it meets
     * it, as any region does. It waits for the nodes' shards because its hundred entity recoveries and allocations
     * compete with theirs: started with the committee, it held a fresh network's readiness back by 10-20 s.
     */
    private static void warmBlobShardsOnce(ActorSystem<Void> system, CommitteeCache committees,
                                           ActorControlPlane control,
                                           Function<StorageNodeInfo, CompletionStage<NodeHealth>> health) {
        int shards = system.settings().config().getInt("pekko.cluster.sharding.number-of-shards");
        AtomicBoolean started = new AtomicBoolean();
        committees.addListener(epochs -> {
            if (started.compareAndSet(false, true)) {
                CommitteeServing.await(epochs.current(), health, WARM_UP_POLL, WARM_UP_WAIT)
                        .thenCompose(serving -> control.warmBlobShards(shards)).whenComplete((done, error) -> {
                    if (error != null) {
                        LOG.warn("warming the Blob entity shards failed: {}", error.toString());
                    }
                });
            }
        });
    }

    /**
     * What /ready looks at; a storage member is not ready before its hosted shards (StorageRole) register, nor a
     * gateway before its read side (GatewayRole) does.
     */
    private static void registerHealthSources(FloeSettings settings, ActorSystem<Void> system,
                                              CommitteeCache committees) {
        HealthSources health = HealthSources.get(system);
        health.committees(committees);
        if (settings.isStorage()) {
            health.expectHostedShards();
        }
        if (settings.isGateway()) {
            health.expectReadSide();
        }
    }

    private static void logJournal(JournalMode mode, Config config) {
        if (mode == JournalMode.CASSANDRA) {
            CassandraJournalSettings c = CassandraJournalSettings.from(config);
            LOG.info("journal: Cassandra at {} (datacenter {}), keyspace {}", c.contactPoints(), c.localDatacenter(),
                    c.keyspace());
        } else {
            LOG.info("journal: embedded H2 in {}", config.getString(EmbeddedJournal.DIR_KEY));
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public FloeSettings settings() {
        return settings;
    }

    /** This member's view of the committee (empty until the ledger has formed one). */
    public CommitteeCache committees() {
        return committees;
    }

    /** The control plane this member's roles use (ledger and Blob entities, bounded asks). */
    public ActorControlPlane control() {
        return control;
    }

    /** Its Pekko Management server, when {@code floe.management.port} asks for one. */
    public Optional<MemberManagement> management() {
        return management;
    }

    /** Blocks until the actor system has terminated (after {@link #close} or a downing). */
    public void awaitTermination() {
        system.getWhenTerminated().toCompletableFuture().join();
    }

    @Override
    public void close() {
        management.ifPresent(MemberManagement::stop);
        committees.close();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("actor system did not terminate within 30 s: {}", e.toString());
        }
    }
}
