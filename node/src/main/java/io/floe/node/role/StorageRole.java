package io.floe.node.role;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.ledger.CommitteeCache;
import io.floe.actors.ledger.SystemLedger;
import io.floe.api.ServerBindings;
import io.floe.api.control.ControlPlane;
import io.floe.api.node.NodeRoutes;
import io.floe.encoding.index.ShardIndex;
import io.floe.node.healing.HealingService;
import io.floe.node.http.StorageApiSettings;
import io.floe.node.http.StorageNodeBackend;
import io.floe.node.shard.CommitteeShardAllocationStrategy;
import io.floe.node.shard.HostedShards;
import io.floe.node.shard.MovedShardDropper;
import io.floe.node.shard.ShardIndexMessageExtractor;
import io.floe.node.shard.ShardWaker;
import io.floe.node.shard.StorageShard;
import io.floe.node.sync.ShardSyncs;
import io.floe.persistence.keys.NodeKeys;
import io.floe.persistence.keys.NodeTlsIdentity;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.NodeId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage part of a member: its key and sliver store, the Blob entities and StorageShard entities it hosts, its
 * registration with the ledger, the storage-node HTTP API, its {@link HealingService} (event processor, recovery
 * from peers, inconsistency reports, scrubbing) and its {@link MovedShardDropper}. Every second it wakes the shards
 * this node holds (owns and has synced), so after a restart or a sync they come here as soon as the coordinator has
 * let go of the old incarnation.
 */
public final class StorageRole {
    private static final Logger LOG = LoggerFactory.getLogger(StorageRole.class);
    private static final Duration WAKE_EVERY = Duration.ofSeconds(1);
    /** Unanswered registrations (one a second) between two warnings. */
    private static final int UNANSWERED_WARNING = 30;

    private final ActorSystem<?> system;
    private final StorageNodeSettings settings;
    private final NodeKeys keys;
    /** The node API's certificate, when it serves HTTPS; its fingerprint goes with every registration. */
    private final Optional<NodeTlsIdentity> tls;
    private final CommitteeCache committees;
    private final ActorRef<SystemLedger.Command> ledger;
    private final AtomicBoolean registered = new AtomicBoolean();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final ShardWaker waker;
    private final HostedShards hosted = new HostedShards();

    private StorageRole(ActorSystem<?> system, StorageNodeSettings settings, NodeKeys keys,
                        Optional<NodeTlsIdentity> tls, CommitteeCache committees,
                        ActorRef<SystemLedger.Command> ledger) {
        this.system = system;
        this.settings = settings;
        this.keys = keys;
        this.tls = tls;
        this.committees = committees;
        this.ledger = ledger;
        this.waker = new ShardWaker(system, settings.nodeId());
    }

    /** Starts the role on a member whose ledger proxy and committee cache run already. */
    public static StorageRole start(ActorSystem<?> system, StorageNodeSettings settings,
                                    ActorRef<SystemLedger.Command> ledger, CommitteeCache committees,
                                    ControlPlane control) {
        NodeKeys keys = NodeKeys.loadOrCreate(settings.dataDir());
        SliverStore store = SliverStore.open(settings.dataDir().resolve("slivers"), settings.storageApi().syncWrites());
        system.getWhenTerminated().thenRun(store::close);
        Optional<NodeTlsIdentity> tls = settings.storageApi().tls()
                ? Optional.of(NodeTlsIdentity.loadOrCreate(settings.dataDir(), settings.storageApi().certificateHost()))
                : Optional.empty();
        StorageRole role = new StorageRole(system, settings, keys, tls, committees, ledger);
        HostedShards hosted = role.hosted;
        hosted.bindTo(io.floe.metrics.FloeMetrics.get(system).registry());
        BlobEntity.init(system, committees);
        ClusterSharding.get(system).init(Entity.of(StorageShard.ENTITY_KEY,
                        ctx -> StorageShard.create(new ShardIndex(Integer.parseInt(ctx.getEntityId())),
                                settings.nodeId(), hosted))
                .withAllocationStrategy(new CommitteeShardAllocationStrategy(system, () -> committees.epochs().orElse(null)))
                .withMessageExtractor(new ShardIndexMessageExtractor<>())
                .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
        // Built before the API so that /v1/health shows the node's recovery counters from the start.
        HealingService healing = HealingService.create(system, settings.nodeId(), settings.recovery(),
                settings.scrub(), committees, store, control);
        StorageNodeBackend backend = new StorageNodeBackend(settings.nodeId(), keys, committees, hosted,
                store, control, healing.metrics(), settings.recovery().symbolRequests());
        backend.followShardSync(ShardSyncs.start(system, settings.nodeId(), keys, committees, control, store,
                healing)::status);
        role.bind(backend);
        healing.start();
        MovedShardDropper.start(system, settings.nodeId(), committees, store, hosted);
        system.scheduler().scheduleWithFixedDelay(Duration.ZERO, WAKE_EVERY, role::tick, system.executionContext());
        return role;
    }

    /** The shards whose StorageShard entity runs in this member now (what {@code /ready} compares with its owned). */
    public HostedShards hostedShards() {
        return hosted;
    }

    private void bind(StorageNodeBackend backend) {
        StorageApiSettings api = settings.storageApi();
        NodeRoutes routes = new NodeRoutes(backend, NodeRoutes.blockingExecutor(system), settings.nShards());
        ServerBinding binding = ServerBindings.bind(system, api.host(), api.port(), routes.createRoute(),
                "storage API", tls.map(NodeTlsIdentity::serverContext));
        LOG.info("storage node {} serves its API at {} (public URL {}{})", settings.nodeId(), binding.localAddress(),
                api.publicUrl(), tls.map(t -> ", TLS certificate SHA-256 " + t.fingerprint()).orElse(""));
    }

    /** Registers with the ledger until it answers, then keeps this node's shards awake. */
    private void tick() {
        if (!registered.get()) {
            register();
            return;
        }
        committees.epochs().ifPresent(waker::wake);
    }

    private void register() {
        NodeId nodeId = settings.nodeId();
        AskPattern.<SystemLedger.Command, StatusReply<SystemLedger.RegisterNodeReply>>ask(ledger,
                replyTo -> new SystemLedger.RegisterNode(nodeId, settings.storageApi().publicUrl(), keys.publicKey(),
                        settings.pool(), tls.map(NodeTlsIdentity::fingerprint), replyTo),
                Duration.ofSeconds(3), system.scheduler()).whenComplete((reply, error) -> {
                    if (reply != null && reply.isSuccess()) {
                        if (!registered.getAndSet(true)) {
                            LOG.info("storage node {} registered with the ledger", nodeId);
                        }
                    } else if (reply != null) {
                        LOG.error("the ledger refuses storage node {}: {}", nodeId, reply.getError().getMessage());
                    } else if (unanswered.incrementAndGet() % UNANSWERED_WARNING == 0) {
                        // The ledger may be moving; a registration it cannot even read also ends here.
                        LOG.warn("the ledger has not answered {} registrations of storage node {}: {}",
                                unanswered.get(), nodeId, String.valueOf(error));
                    } else {
                        LOG.debug("registration of {} not answered yet: {}", nodeId, String.valueOf(error));
                    }
                });
    }

}
