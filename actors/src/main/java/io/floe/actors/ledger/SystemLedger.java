package io.floe.actors.ledger;

import io.floe.actors.serialization.FloeMessage;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StakeApportionment;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's system state in place of Walrus's Sui contracts: genesis, the storage nodes' keys and URLs, the
 * committee, and accounts with their balances. Runs as a cluster singleton, event sourced under
 * {@link #PERSISTENCE_ID}.
 *
 * <p>Invariants: the genesis is applied exactly once, before any other command is handled (commands that arrive
 * earlier wait in the stash); only genesis nodes register; the committee forms once, when every genesis node has
 * registered, and later registrations update a member's key or URL but never move a shard; a charge key is charged
 * at most once and a balance never goes below zero.
 */
public final class SystemLedger
        extends EventSourcedBehaviorWithEnforcedReplies<SystemLedger.Command, SystemLedger.Event, LedgerState> {

    private static final Logger LOG = LoggerFactory.getLogger(SystemLedger.class);
    private static final int SNAPSHOT_EVERY = 100;
    private static final int SNAPSHOTS_KEPT = 2;

    /** What the ledger accepts. */
    public sealed interface Command extends FloeMessage
            permits ApplyGenesis, RegisterNode, GetCommittee, ChargeStorage, GetLedgerInfo {
    }

    /** Sent by the ledger to itself after recovering a journal without genesis. No reply. */
    public record ApplyGenesis() implements Command {
    }

    /**
     * A genesis node announces (or changes) its storage URL and Ed25519 public key. Refused (a {@link StatusReply}
     * error) for a node outside the genesis or without a URL.
     */
    public record RegisterNode(NodeId node, String storageUrl, Ed25519PublicKey publicKey,
                               ActorRef<StatusReply<RegisterNodeReply>> replyTo) implements Command {
    }

    /** Answers the committee (empty until formed) and the genesis nodes that have not registered yet. */
    public record GetCommittee(ActorRef<CommitteeReply> replyTo) implements Command {
    }

    /**
     * Charges {@code account} for {@code epochsAhead} epochs of {@code encodedLength} bytes. Idempotent by
     * {@code key} (the registration's object ID): the same key again answers the first charge. Refused (a
     * {@link StatusReply} error) without an account, for epochs beyond the limit or a length below zero.
     */
    public record ChargeStorage(String account, ObjectId key, long encodedLength, int epochsAhead,
                                ActorRef<StatusReply<ChargeReply>> replyTo) implements Command {
    }

    /** Answers the prices, the epoch and the gateway account's balance. */
    public record GetLedgerInfo(ActorRef<LedgerInfo> replyTo) implements Command {
    }

    /** The answer to a {@link RegisterNode} the ledger did not refuse: the node as the ledger now records it. */
    public record RegisterNodeReply(StorageNodeInfo node) implements FloeMessage {
    }

    /** @param missing genesis nodes that have not registered, in genesis order */
    public record CommitteeReply(Optional<Committee> committee, List<NodeId> missing) implements FloeMessage {
        public CommitteeReply {
            missing = List.copyOf(missing);
        }
    }

    /** The answer to a {@link ChargeStorage} the ledger did not refuse. */
    public sealed interface ChargeReply extends FloeMessage {
        /** @param epoch the ledger's epoch when the charge was made */
        record Charged(long cost, long balanceAfter, Epoch epoch) implements ChargeReply {
        }

        record InsufficientFunds(long balance, long cost) implements ChargeReply {
        }
    }

    /** What the ledger persists. */
    public sealed interface Event extends FloeMessage
            permits GenesisApplied, NodeRegistered, CommitteeFormed, AccountCharged {
    }

    /** The network was created: epoch 1 begins and the gateway account is funded. */
    public record GenesisApplied(LedgerGenesis genesis) implements Event {
    }

    public record NodeRegistered(NodeId node, String storageUrl, Ed25519PublicKey publicKey) implements Event {
    }

    public record CommitteeFormed(Committee committee) implements Event {
    }

    public record AccountCharged(String account, ObjectId key, long cost) implements Event {
    }

    /** The ledger's one persistence ID: there is one ledger per network. */
    public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("system-ledger");

    /**
     * Starts the ledger as a cluster singleton (or joins it): the answer is a proxy that buffers while the
     * singleton moves and routes to wherever it runs.
     */
    public static ActorRef<Command> init(ActorSystem<?> system, LedgerGenesis genesis) {
        return ClusterSingleton.get(system).init(SingletonActor.of(create(genesis), PERSISTENCE_ID.id()));
    }

    /** @param genesis applied when the journal has none; ignored (with a warning if it differs) when it has one */
    public static Behavior<Command> create(LedgerGenesis genesis) {
        return create(PERSISTENCE_ID, genesis);
    }

    /** A ledger under another persistence ID: tests run several in one journal. */
    static Behavior<Command> create(PersistenceId persistenceId, LedgerGenesis genesis) {
        return Behaviors.setup(ctx -> new SystemLedger(persistenceId, genesis, ctx.getSelf()));
    }

    private final LedgerGenesis genesis;
    private final ActorRef<Command> self;

    private SystemLedger(PersistenceId persistenceId, LedgerGenesis genesis, ActorRef<Command> self) {
        super(persistenceId, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
        this.genesis = Objects.requireNonNull(genesis, "genesis");
        this.self = self;
    }

    @Override
    public LedgerState emptyState() {
        return LedgerState.empty();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, SNAPSHOTS_KEPT);
    }

    @Override
    public SignalHandler<LedgerState> signalHandler() {
        return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::onRecovered).build();
    }

    private void onRecovered(LedgerState state) {
        if (state.genesis().isEmpty()) {
            // A message to self rather than persisting here: a signal handler cannot persist.
            self.tell(new ApplyGenesis());
        } else if (!state.genesis().get().equals(genesis)) {
            LOG.warn("The configured genesis differs from the journaled one; the journal's stays in force");
        }
    }

    @Override
    public CommandHandlerWithReply<Command, Event, LedgerState> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, Event, LedgerState> builder = newCommandHandlerWithReplyBuilder();
        builder.forState(state -> state.genesis().isEmpty())
                .onCommand(ApplyGenesis.class, cmd -> Effect().persist(new GenesisApplied(genesis))
                        .thenRun(s -> LOG.info("Genesis applied: {} shards, {} nodes, gateway {} funded with {}",
                                genesis.nShards(), genesis.nodes().size(), genesis.gatewayAccount(),
                                genesis.gatewayFunds()))
                        .thenNoReply().thenUnstashAll())
                .onAnyCommand(cmd -> Effect().stash());
        builder.forAnyState()
                .onCommand(ApplyGenesis.class, cmd -> Effect().noReply())
                .onCommand(RegisterNode.class, this::onRegisterNode)
                .onCommand(GetCommittee.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
                        new CommitteeReply(state.committee(), state.missingNodes())))
                .onCommand(ChargeStorage.class, this::onChargeStorage)
                .onCommand(GetLedgerInfo.class, (state, cmd) -> Effect().reply(cmd.replyTo(), info(state)));
        return builder.build();
    }

    private ReplyEffect<Event, LedgerState> onRegisterNode(LedgerState state, RegisterNode cmd) {
        Optional<String> problem = registrationProblem(state.requireGenesis(), cmd);
        if (problem.isPresent()) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(problem.get()));
        }
        Optional<StorageNodeInfo> known = state.node(cmd.node());
        if (known.isPresent() && known.get().storageUrl().equals(cmd.storageUrl())
                && known.get().publicKey().equals(cmd.publicKey())) {
            return Effect().reply(cmd.replyTo(), StatusReply.success(new RegisterNodeReply(known.get())));
        }
        List<Event> events = new ArrayList<>();
        events.add(new NodeRegistered(cmd.node(), cmd.storageUrl(), cmd.publicKey()));
        Optional<Committee> formed = committeeToForm(state.withNode(cmd.node(), cmd.storageUrl(), cmd.publicKey()));
        formed.ifPresent(c -> events.add(new CommitteeFormed(c)));
        return Effect().persist(events)
                .thenRun(s -> logRegistration(known.isPresent(), cmd, formed))
                .thenReply(cmd.replyTo(),
                        s -> StatusReply.success(new RegisterNodeReply(s.node(cmd.node()).orElseThrow())));
    }

    /** The genesis committee, once the last genesis node has registered; shards follow stake (D'Hondt). */
    private static Optional<Committee> committeeToForm(LedgerState after) {
        if (after.committee().isPresent() || !after.missingNodes().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(StakeApportionment.genesis(after.epoch(), after.registeredNodes(),
                after.requireGenesis().nShards()));
    }

    private static Optional<String> registrationProblem(LedgerGenesis genesis, RegisterNode cmd) {
        if (genesis.node(cmd.node()).isEmpty()) {
            return Optional.of("node " + cmd.node() + " is not a genesis node of this network");
        }
        if (cmd.storageUrl() == null || cmd.storageUrl().isBlank()) {
            return Optional.of("node " + cmd.node() + " needs a storage URL");
        }
        return Optional.empty();
    }

    private static void logRegistration(boolean changed, RegisterNode cmd, Optional<Committee> formed) {
        LOG.info(changed ? "Node {} changed its key or URL, now at {}" : "Node {} registered at {}", cmd.node(),
                cmd.storageUrl());
        formed.ifPresent(c -> LOG.info("Committee of epoch {} formed: {} nodes, {} shards", c.epoch(),
                c.members().size(), c.nShards()));
    }

    private ReplyEffect<Event, LedgerState> onChargeStorage(LedgerState state, ChargeStorage cmd) {
        Optional<LedgerState.Charge> earlier = state.chargeFor(cmd.key());
        if (earlier.isPresent()) {
            return Effect().reply(cmd.replyTo(), StatusReply.success(earlier.get().toReply()));
        }
        LedgerGenesis g = state.requireGenesis();
        Optional<String> problem = chargeProblem(g, cmd);
        if (problem.isPresent()) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(problem.get()));
        }
        long cost;
        try {
            cost = StorageCost.cost(cmd.encodedLength(), cmd.epochsAhead(), g.storagePricePerUnit(),
                    g.writePricePerUnit());
        } catch (ArithmeticException e) {
            return Effect().reply(cmd.replyTo(), StatusReply.error("the cost of " + cmd.encodedLength()
                    + " bytes for " + cmd.epochsAhead() + " epochs does not fit in a long"));
        }
        long balance = state.balance(cmd.account());
        if (balance < cost) {
            return Effect().reply(cmd.replyTo(),
                    StatusReply.success(new ChargeReply.InsufficientFunds(balance, cost)));
        }
        return Effect().persist(new AccountCharged(cmd.account(), cmd.key(), cost))
                .thenReply(cmd.replyTo(), s -> StatusReply.success(s.chargeFor(cmd.key()).orElseThrow().toReply()));
    }

    private static Optional<String> chargeProblem(LedgerGenesis genesis, ChargeStorage cmd) {
        if (cmd.account() == null || cmd.account().isBlank()) {
            return Optional.of("a charge needs an account");
        }
        if (cmd.epochsAhead() < 1 || cmd.epochsAhead() > genesis.maxEpochsAhead()) {
            return Optional.of("epochs ahead must be 1.." + genesis.maxEpochsAhead() + ": " + cmd.epochsAhead());
        }
        if (cmd.encodedLength() < 0) {
            return Optional.of("encoded length must be >= 0: " + cmd.encodedLength());
        }
        return Optional.empty();
    }

    private static LedgerInfo info(LedgerState state) {
        LedgerGenesis g = state.requireGenesis();
        return new LedgerInfo(state.epoch(), g.nShards(), g.storagePricePerUnit(), g.writePricePerUnit(),
                g.maxEpochsAhead(), g.gatewayAccount(), state.balance(g.gatewayAccount()));
    }

    @Override
    public EventHandler<LedgerState, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(GenesisApplied.class, (state, e) -> state.withGenesis(e.genesis()))
                .onEvent(NodeRegistered.class, (state, e) -> state.withNode(e.node(), e.storageUrl(), e.publicKey()))
                .onEvent(CommitteeFormed.class, (state, e) -> state.withCommittee(e.committee()))
                .onEvent(AccountCharged.class, (state, e) -> state.withCharge(e.account(), e.key(), e.cost()))
                .build();
    }
}
