package io.floe.actors.ledger;

import io.floe.actors.ledger.StakeReceipts.Operation;
import io.floe.actors.ledger.SystemLedger.CommitteeFormed;
import io.floe.actors.ledger.SystemLedger.Event;
import io.floe.actors.ledger.SystemLedger.NodeRegistered;
import io.floe.actors.ledger.SystemLedger.RegisterNode;
import io.floe.actors.ledger.SystemLedger.RegisterNodeReply;
import io.floe.actors.ledger.SystemLedger.ReportShardsSynced;
import io.floe.actors.ledger.SystemLedger.RequestWithdrawStake;
import io.floe.actors.ledger.SystemLedger.Stake;
import io.floe.actors.ledger.SystemLedger.StakeReply;
import io.floe.actors.ledger.SystemLedger.Staked;
import io.floe.actors.ledger.SystemLedger.StakeWithdrawalRequested;
import io.floe.actors.ledger.SystemLedger.StakeWithdrawn;
import io.floe.actors.ledger.SystemLedger.WithdrawStake;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.StakeApportionment;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SystemLedger}'s handlers of the commands callers send to change it: registrations, staking and sync
 * reports (storage charges: {@link ChargeBatcher}). The ledger itself keeps its messages, the genesis, the ticks of
 * the epoch machine, the queries and the event handler; these handlers only decide what to persist and answer.
 *
 * <p>Invariants: a refused command persists nothing; a staking command whose key the
 * ledger remembers ({@link StakeReceipts}) is answered with the first answer and persists nothing, and one that
 * succeeds persists one event carrying its key, whose receipt is the answer.
 */
final class LedgerCommandHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(SystemLedger.class);

    private final EffectFactories<Event, LedgerState> effect;
    private final Clock clock;

    /**
     * @param effect the ledger's {@code Effect()}
     * @param clock  the ledger's clock: the first committee's epoch starts at its time
     */
    LedgerCommandHandlers(EffectFactories<Event, LedgerState> effect, Clock clock) {
        this.effect = effect;
        this.clock = clock;
    }

    ReplyEffect<Event, LedgerState> onRegisterNode(LedgerState state, RegisterNode cmd) {
        if (cmd.storageUrl() == null || cmd.storageUrl().isBlank()) {
            return effect.reply(cmd.replyTo(), StatusReply.error("node " + cmd.node() + " needs a storage URL"));
        }
        if (cmd.storageUrl().startsWith("https:") && cmd.tlsFingerprint().isEmpty()) {
            return effect.reply(cmd.replyTo(), StatusReply.error("node " + cmd.node()
                    + " serves HTTPS but gives no TLS fingerprint for its clients to pin"));
        }
        Optional<StorageNodeInfo> known = state.node(cmd.node());
        if (known.isPresent() && known.get().storageUrl().equals(cmd.storageUrl())
                && known.get().publicKey().equals(cmd.publicKey())
                && known.get().tlsFingerprint().equals(cmd.tlsFingerprint())
                && cmd.pool().equals(state.book().pools().get(cmd.node()))) {
            return effect.reply(cmd.replyTo(), StatusReply.success(new RegisterNodeReply(known.get())));
        }
        List<Event> events = new ArrayList<>();
        events.add(new NodeRegistered(cmd.node(), cmd.storageUrl(), cmd.publicKey(), cmd.pool(),
                cmd.tlsFingerprint()));
        Optional<Committee> formed = committeeToForm(state.withNode(cmd.node(), cmd.storageUrl(), cmd.publicKey(),
                cmd.pool(), cmd.tlsFingerprint()));
        formed.ifPresent(c -> events.add(new CommitteeFormed(c, clock.millis())));
        return effect.persist(events)
                .thenRun(s -> LedgerLog.registration(known.isPresent(), cmd.node(), cmd.storageUrl(), formed))
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

    ReplyEffect<Event, LedgerState> onReportShardsSynced(LedgerState state, ReportShardsSynced cmd) {
        Optional<String> problem = EpochMachine.syncReportProblem(state, cmd.node(), cmd.epoch());
        if (problem.isPresent()) {
            return effect.reply(cmd.replyTo(), StatusReply.error(problem.get()));
        }
        List<Event> events = cmd.epoch().equals(state.epoch())
                ? EpochMachine.syncReported(state, cmd.node()) : List.of();
        if (events.isEmpty()) {
            return effect.reply(cmd.replyTo(), StatusReply.ack());
        }
        return effect.persist(events).thenRun(s -> LedgerLog.epochSteps(events, s))
                .thenReply(cmd.replyTo(), s -> StatusReply.ack());
    }

    ReplyEffect<Event, LedgerState> onStake(LedgerState state, Stake cmd) {
        Optional<ReplyEffect<Event, LedgerState>> retried =
                replayed(state, cmd.key(), Operation.STAKE, cmd.replyTo(), StakeReply.Staked::new);
        if (retried.isPresent()) {
            return retried.get();
        }
        Optional<String> problem = StakeRules.stakeProblem(state, cmd.account(), cmd.node(), cmd.amount());
        if (problem.isPresent()) {
            return effect.reply(cmd.replyTo(), StatusReply.error(problem.get()));
        }
        long balance = state.balance(cmd.account());
        if (balance < cmd.amount()) {
            return effect.reply(cmd.replyTo(),
                    StatusReply.success(new StakeReply.InsufficientFunds(balance, cmd.amount())));
        }
        StakedWal stake = new StakedWal(state.book().nextId(), cmd.node(), cmd.account(), cmd.amount(),
                StakeRules.activation(state), Optional.empty());
        return effect.persist(new Staked(stake, Optional.of(cmd.key())))
                .thenRun(s -> LOG.info("{} staked {} FROST with {}, counting from epoch {}", cmd.account(),
                        cmd.amount(), cmd.node(), stake.activationEpoch()))
                .thenReply(cmd.replyTo(), s -> StatusReply.success(new StakeReply.Staked(answer(s, cmd.key()))));
    }

    ReplyEffect<Event, LedgerState> onRequestWithdrawStake(LedgerState state, RequestWithdrawStake cmd) {
        Optional<ReplyEffect<Event, LedgerState>> retried =
                replayed(state, cmd.key(), Operation.REQUEST_WITHDRAWAL, cmd.replyTo(), c -> c);
        if (retried.isPresent()) {
            return retried.get();
        }
        List<StakedWal> requested = StakeRules.withdrawalsRequested(state, cmd.account(), cmd.node());
        if (requested.isEmpty()) {
            return effect.reply(cmd.replyTo(), StatusReply.error("account " + cmd.account()
                    + " has no stake with " + cmd.node() + " that is not being withdrawn already"));
        }
        return effect.persist(new StakeWithdrawalRequested(requested, Optional.of(cmd.key())))
                .thenRun(s -> LOG.info("{} requested the withdrawal of {} FROST staked with {}", cmd.account(),
                        StakeRules.sum(requested), cmd.node()))
                .thenReply(cmd.replyTo(), s -> StatusReply.success(answer(s, cmd.key())));
    }

    ReplyEffect<Event, LedgerState> onWithdrawStake(LedgerState state, WithdrawStake cmd) {
        Optional<ReplyEffect<Event, LedgerState>> retried =
                replayed(state, cmd.key(), Operation.WITHDRAWAL, cmd.replyTo(), c -> c);
        if (retried.isPresent()) {
            return retried.get();
        }
        List<StakedWal> due = StakeRules.due(state, cmd.account(), cmd.node());
        if (due.isEmpty()) {
            return effect.reply(cmd.replyTo(),
                    StatusReply.error(StakeRules.nothingDue(state, cmd.account(), cmd.node())));
        }
        long amount = StakeRules.sum(due);
        return effect.persist(new StakeWithdrawn(due, Optional.of(cmd.key())))
                .thenRun(s -> LOG.info("{} withdrew {} FROST staked with {}", cmd.account(), amount, cmd.node()))
                .thenReply(cmd.replyTo(), s -> StatusReply.success(answer(s, cmd.key())));
    }

    /**
     * The reply to a retry: the first answer to the call the ledger remembers by {@code key} (as {@code asReply}
     * makes it), or an error if the key named another kind of operation; empty for a key not remembered.
     */
    private <R> Optional<ReplyEffect<Event, LedgerState>> replayed(LedgerState state, RequestKey key,
            Operation operation, ActorRef<StatusReply<R>> replyTo, Function<StakeChange, R> asReply) {
        return state.book().receipts().of(key).map(receipt -> {
            if (receipt.operation() != operation) {
                return effect.reply(replyTo, StatusReply.error("request key " + key
                        + " was used for another operation (" + receipt.operation() + ")"));
            }
            LOG.debug("Staking request {} is a retry: answered as the first time ({})", key, operation);
            return effect.reply(replyTo, StatusReply.success(asReply.apply(receipt.change())));
        });
    }

    /** The answer the event just persisted under {@code key} recorded. */
    private static StakeChange answer(LedgerState after, RequestKey key) {
        return after.book().receipts().of(key).orElseThrow().change();
    }
}
