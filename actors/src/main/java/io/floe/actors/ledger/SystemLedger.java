package io.floe.actors.ledger;

import io.floe.actors.serialization.FloeMessage;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.ledger.PoolParams;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.tls.TlsFingerprint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.Done;
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
 * The network's system state in place of Walrus's Sui contracts: genesis, the storage nodes' keys, URLs and staking
 * pools, the stakes, the epochs with their committees, and accounts with their balances. Runs as a cluster
 * singleton, event sourced under {@link #PERSISTENCE_ID}; a timer ticks it through the epoch state machine
 * ({@link EpochMachine}) by its {@link Clock}.
 *
 * <p>Invariants: the genesis is applied exactly once, before any other command is handled (commands that arrive
 * earlier wait in the stash); the first committee forms once, when every genesis node has registered, and epoch 1
 * starts then; each later committee is selected at an epoch's middle and takes over at its end, never before the
 * previous change is done, and every step is an event, so the journal is the audit log of every committee and
 * transition; a registration updates a member's key or URL but never moves a shard; a charge key is charged at most
 * once, and a staking request key (while remembered, see {@link StakeReceipts}) stakes or withdraws at most once;
 * a signed request is carried out at most once ({@link AccountCommands}, {@link RequestMemo}); no balance goes below
 * zero and no FROST is created or lost after the genesis (balances, stakes, charges, the extension fund and shared
 * funds add up to the genesis funds, faucet included, and stakes).
 */
public final class SystemLedger
        extends EventSourcedBehaviorWithEnforcedReplies<SystemLedger.Command, SystemLedger.Event, LedgerState> {

    private static final Logger LOG = LoggerFactory.getLogger(SystemLedger.class);
    private static final int SNAPSHOT_EVERY = 100;
    private static final int SNAPSHOTS_KEPT = 2;
    private static final Duration MAX_TICK = Duration.ofSeconds(1);

    /** What the ledger accepts. */
    public sealed interface Command extends FloeMessage
            permits ApplyGenesis, Tick, RegisterNode, GetCommittee, ChargeStorage, SettleCharges, GetLedgerInfo,
            ReportShardsSynced, Stake, RequestWithdrawStake, WithdrawStake, AccountCommands.AllocateStorage,
            AccountCommands.ChargeExtension, AccountCommands.Submit, AccountCommands.Refund,
            AccountCommands.ReturnStorage, AccountCommands.Faucet, AccountCommands.GetAccount,
            AccountCommands.GetSharedFunds {
    }

    /** Sent by the ledger to itself after recovering a journal without genesis. No reply. */
    public record ApplyGenesis() implements Command {
    }

    /** The ledger's timer: takes the epoch state machine's next step if one is due. No reply. */
    public record Tick() implements Command {
    }

    /**
     * A storage node announces (or changes) its storage URL, Ed25519 public key, staking pool and, when its API
     * serves HTTPS, its certificate's fingerprint. Any node may register; a genesis node's stake is its pool's from
     * epoch 1, another's pool starts empty. Refused (a {@link StatusReply} error) without a URL, and with an
     * {@code https} URL but no fingerprint (its clients would have nothing to pin).
     */
    public record RegisterNode(NodeId node, String storageUrl, Ed25519PublicKey publicKey, PoolParams pool,
                               Optional<TlsFingerprint> tlsFingerprint,
                               ActorRef<StatusReply<RegisterNodeReply>> replyTo) implements Command {
        public RegisterNode {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(tlsFingerprint, "tlsFingerprint");
        }

        /** A registration of a plain-HTTP node. */
        public RegisterNode(NodeId node, String storageUrl, Ed25519PublicKey publicKey, PoolParams pool,
                            ActorRef<StatusReply<RegisterNodeReply>> replyTo) {
            this(node, storageUrl, publicKey, pool, Optional.empty(), replyTo);
        }

        /** A registration with {@link PoolParams#DEFAULT}. */
        public RegisterNode(NodeId node, String storageUrl, Ed25519PublicKey publicKey,
                            ActorRef<StatusReply<RegisterNodeReply>> replyTo) {
            this(node, storageUrl, publicKey, PoolParams.DEFAULT, replyTo);
        }
    }

    /** Answers the epochs' committees (empty until the first forms) and the genesis nodes not registered yet. */
    public record GetCommittee(ActorRef<CommitteeReply> replyTo) implements Command {
    }

    /**
     * Charges {@code account} for {@code epochsAhead} epochs of {@code encodedLength} bytes. Idempotent by
     * {@code key} (the registration's object ID): the same key again answers the first charge. Refused (a
     * {@link StatusReply} error) without an account, for epochs beyond the limit or a length below zero. Charges
     * that arrive together are persisted in one journal write ({@link ChargeBatcher}).
     */
    public record ChargeStorage(String account, ObjectId key, long encodedLength, int epochsAhead,
                                ActorRef<StatusReply<ChargeReply>> replyTo) implements Command {
    }

    /** Sent by the ledger to itself after a charge: decides and persists the charges noted since the last one. */
    public record SettleCharges() implements Command {
    }

    /** Answers the prices, the epoch and the gateway account's balance. */
    public record GetLedgerInfo(ActorRef<LedgerInfo> replyTo) implements Command {
    }

    /**
     * {@code node} holds every shard it gained in {@code epoch} (Walrus's {@code epoch_sync_done}). Idempotent; an
     * earlier epoch answers success, a future epoch or a node outside the epoch's committee an error.
     */
    public record ReportShardsSynced(NodeId node, Epoch epoch, ActorRef<StatusReply<Done>> replyTo)
            implements Command {
    }

    /**
     * Stakes {@code amount} FROST of {@code account} with {@code node}'s pool; counts from the first epoch whose
     * committee is not selected yet. Refused for an unknown node or an amount not above 0. Idempotent by
     * {@code key}, as are the other staking commands: a key the ledger remembers ({@link StakeReceipts}) is answered
     * with its first answer (an error if it named another operation), and nothing changes.
     */
    public record Stake(String account, NodeId node, long amount, RequestKey key,
                        ActorRef<StatusReply<StakeReply>> replyTo) implements Command {
        public Stake {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Requests the withdrawal of every stake of {@code account} with {@code node}; refused when there is none. */
    public record RequestWithdrawStake(String account, NodeId node, RequestKey key,
                                       ActorRef<StatusReply<StakeChange>> replyTo) implements Command {
        public RequestWithdrawStake {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Returns to {@code account} every stake with {@code node} whose withdrawal is due; refused when none is. */
    public record WithdrawStake(String account, NodeId node, RequestKey key,
                                ActorRef<StatusReply<StakeChange>> replyTo) implements Command {
        public WithdrawStake {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The answer to a {@link RegisterNode} the ledger did not refuse: the node as the ledger now records it. */
    public record RegisterNodeReply(StorageNodeInfo node) implements FloeMessage {
    }

    /**
     * @param epochs  the epochs' committees; empty until the first committee formed
     * @param missing genesis nodes that have not registered, in genesis order
     */
    public record CommitteeReply(Optional<EpochCommittees> epochs, List<NodeId> missing) implements FloeMessage {
        public CommitteeReply {
            missing = List.copyOf(missing);
        }

        /** The current epoch's committee. */
        public Optional<Committee> committee() {
            return epochs.map(EpochCommittees::current);
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

    /** The answer to a {@link Stake} the ledger did not refuse. */
    public sealed interface StakeReply extends FloeMessage {
        record Staked(StakeChange change) implements StakeReply {
        }

        /** The account holds {@code balance}, less than the {@code amount} asked for. */
        record InsufficientFunds(long balance, long amount) implements StakeReply {
        }
    }

    /** What the ledger persists. */
    public sealed interface Event extends FloeMessage
            permits GenesisApplied, NodeRegistered, CommitteeFormed, AccountCharged, NextCommitteeSelected,
            EpochChangeStarted, ShardsSynced, EpochChangeDone, Staked, StakeWithdrawalRequested, StakeWithdrawn,
            EpochStartRecorded, AccountEvents.StorageAllocated, AccountEvents.Transferred,
            AccountEvents.SharedBlobFunded, AccountEvents.ExtensionCharged, AccountEvents.ChargeRefunded,
            AccountEvents.StorageReturned, AccountEvents.FaucetPaid, AccountEvents.RequestAnswered {
    }

    /** The network was created: the gateway account is funded and the genesis stakes are placed. */
    public record GenesisApplied(LedgerGenesis genesis) implements Event {
    }

    public record NodeRegistered(NodeId node, String storageUrl, Ed25519PublicKey publicKey, PoolParams pool,
                                 Optional<TlsFingerprint> tlsFingerprint) implements Event {
        public NodeRegistered {
            Objects.requireNonNull(tlsFingerprint, "tlsFingerprint");
        }

        /** The registration of a plain-HTTP node. */
        public NodeRegistered(NodeId node, String storageUrl, Ed25519PublicKey publicKey, PoolParams pool) {
            this(node, storageUrl, publicKey, pool, Optional.empty());
        }
    }

    /** The first committee formed; epoch 1 started at {@code startMillis} (unknown in old journals: 0). */
    public record CommitteeFormed(Committee committee, long startMillis) implements Event {
    }

    public record AccountCharged(String account, ObjectId key, long cost) implements Event {
    }

    /** At mid-epoch: the committee of the next epoch, chosen by the stake that counts in it. */
    public record NextCommitteeSelected(Committee committee) implements Event {
    }

    /** Epoch {@code epoch} started at {@code startMillis}: the selected committee takes over, shards start moving. */
    public record EpochChangeStarted(Epoch epoch, long startMillis) implements Event {
    }

    /**
     * The current {@code epoch}, whose start the journal did not record (it was written before epochs turned),
     * counts from {@code startMillis}: the time of the first tick after recovery.
     */
    public record EpochStartRecorded(Epoch epoch, long startMillis) implements Event {
    }

    /** {@code node} of the committee of {@code epoch} holds every shard it gained (or it gained none). */
    public record ShardsSynced(NodeId node, Epoch epoch) implements Event {
    }

    /** Synced members of {@code epoch}'s committee hold a quorum of shards: the previous committee is let go. */
    public record EpochChangeDone(Epoch epoch) implements Event {
    }

    /**
     * A new stake: its FROST left its owner's balance. {@code key}, like the other staking events', is the call's
     * request key (empty in events from before keys).
     */
    public record Staked(StakedWal stake, Optional<RequestKey> key) implements Event {
    }

    /** Withdrawals requested: {@code stakes} as they are now, each with its withdraw epoch. */
    public record StakeWithdrawalRequested(List<StakedWal> stakes, Optional<RequestKey> key) implements Event {
        public StakeWithdrawalRequested {
            stakes = List.copyOf(stakes);
        }
    }

    /** {@code stakes} left the book; their FROST returned to their owners. */
    public record StakeWithdrawn(List<StakedWal> stakes, Optional<RequestKey> key) implements Event {
        public StakeWithdrawn {
            stakes = List.copyOf(stakes);
        }
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
        return create(persistenceId, genesis, Clock.systemUTC(), tickInterval(genesis));
    }

    /** A ledger on {@code clock} that ticks every {@code tick} (tests move the clock and send {@link Tick}). */
    static Behavior<Command> create(PersistenceId persistenceId, LedgerGenesis genesis, Clock clock, Duration tick) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(new Tick(), tick);
            return new SystemLedger(persistenceId, genesis, clock, ctx.getSelf());
        }));
    }

    /** A second, or a twentieth of the epoch if that is shorter, so each step is late by at most that. */
    public static Duration tickInterval(LedgerGenesis genesis) {
        Duration twentieth = genesis.epochDuration().dividedBy(20);
        return twentieth.compareTo(MAX_TICK) < 0 ? twentieth : MAX_TICK;
    }

    private final LedgerGenesis genesis;
    private final Clock clock;
    private final ActorRef<Command> self;
    private final LedgerCommandHandlers handlers;
    private final AccountHandlers accounts;
    private final ChargeBatcher charges;

    private SystemLedger(PersistenceId persistenceId, LedgerGenesis genesis, Clock clock, ActorRef<Command> self) {
        super(persistenceId, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
        this.genesis = Objects.requireNonNull(genesis, "genesis");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.self = self;
        this.handlers = new LedgerCommandHandlers(Effect(), clock);
        this.accounts = new AccountHandlers(Effect(), clock);
        this.charges = new ChargeBatcher(Effect(), self, clock::millis);
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
                        .thenRun(s -> LedgerLog.genesis(genesis))
                        .thenNoReply().thenUnstashAll())
                // Ticks before the genesis have nothing to do; stashing them would only fill the stash.
                .onCommand(Tick.class, cmd -> Effect().noReply())
                .onAnyCommand(cmd -> Effect().stash());
        builder.forAnyState()
                .onCommand(ApplyGenesis.class, cmd -> Effect().noReply())
                .onCommand(Tick.class, this::onTick)
                .onCommand(RegisterNode.class, handlers::onRegisterNode)
                .onCommand(GetCommittee.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
                        new CommitteeReply(state.epochs(), state.missingNodes())))
                .onCommand(ChargeStorage.class, charges::onChargeStorage)
                .onCommand(SettleCharges.class, charges::onSettleCharges)
                .onCommand(GetLedgerInfo.class, (state, cmd) -> Effect().reply(cmd.replyTo(), info(state)))
                .onCommand(ReportShardsSynced.class, handlers::onReportShardsSynced)
                .onCommand(Stake.class, handlers::onStake)
                .onCommand(RequestWithdrawStake.class, handlers::onRequestWithdrawStake)
                .onCommand(WithdrawStake.class, handlers::onWithdrawStake)
                .onCommand(AccountCommands.AllocateStorage.class, charges::onAllocateStorage)
                .onCommand(AccountCommands.ChargeExtension.class, accounts::onChargeExtension)
                .onCommand(AccountCommands.Submit.class, accounts::onSubmit)
                .onCommand(AccountCommands.Refund.class, accounts::onRefund)
                .onCommand(AccountCommands.ReturnStorage.class, accounts::onReturnStorage)
                .onCommand(AccountCommands.Faucet.class, accounts::onFaucet)
                .onCommand(AccountCommands.GetAccount.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
                        AccountHandlers.account(state, cmd.account())))
                .onCommand(AccountCommands.GetSharedFunds.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
                        state.accounts().sharedFundsOf(cmd.objectId())));
        return builder.build();
    }

    private ReplyEffect<Event, LedgerState> onTick(LedgerState state, Tick cmd) {
        List<Event> events = EpochMachine.step(state, clock.millis());
        if (events.isEmpty()) {
            return Effect().noReply();
        }
        return Effect().persist(events).thenRun(s -> LedgerLog.epochSteps(events, s)).thenNoReply();
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
                .onEvent(NodeRegistered.class,
                        (state, e) -> state.withNode(e.node(), e.storageUrl(), e.publicKey(), e.pool(),
                                e.tlsFingerprint()))
                .onEvent(CommitteeFormed.class, (state, e) -> state.withCommittee(e.committee(), e.startMillis()))
                .onEvent(AccountCharged.class, (state, e) -> state.withCharge(e.account(), e.key(), e.cost()))
                .onEvent(EpochStartRecorded.class,
                        (state, e) -> state.withEpochStartRecorded(e.epoch(), e.startMillis()))
                .onEvent(NextCommitteeSelected.class, (state, e) -> state.withNextSelected(e.committee()))
                .onEvent(EpochChangeStarted.class,
                        (state, e) -> state.withEpochChangeStarted(e.epoch(), e.startMillis()))
                .onEvent(ShardsSynced.class, (state, e) -> state.withShardsSynced(e.node()))
                .onEvent(EpochChangeDone.class, (state, e) -> state.withEpochChangeDone())
                .onEvent(Staked.class, (state, e) -> state.withStake(e.stake(), e.key()))
                .onEvent(StakeWithdrawalRequested.class,
                        (state, e) -> state.withWithdrawalRequested(e.stakes(), e.key()))
                .onEvent(StakeWithdrawn.class, (state, e) -> state.withWithdrawn(e.stakes(), e.key()))
                // Storage, transfers, shared funds, extensions, refunds, the faucet and answered requests.
                .onAnyEvent(AccountEvents::apply);
    }
}
