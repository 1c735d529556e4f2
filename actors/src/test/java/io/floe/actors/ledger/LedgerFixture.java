package io.floe.actors.ledger;

import io.floe.actors.testing.TestClock;
import io.floe.actors.ledger.SystemLedger.CommitteeReply;
import io.floe.actors.ledger.SystemLedger.RegisterNodeReply;
import io.floe.actors.testing.TestNode;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.StakeChange;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * A ledger of three genesis nodes (stakes 300, 200, 100; 10 shards; epochs of a minute) on a {@link TestClock},
 * whose timer never fires: tests move the clock and send {@link SystemLedger.Tick} themselves.
 */
final class LedgerFixture {
    static final String GATEWAY = "gateway";
    static final long FUNDS = 1_000_000;
    static final Duration EPOCH = Duration.ofMinutes(1);
    static final long START = 1_700_000_000_000L;

    final TestNode a = TestNode.create("node-a");
    final TestNode b = TestNode.create("node-b");
    final TestNode c = TestNode.create("node-c");
    final TestNode d = TestNode.create("node-d");
    final LedgerGenesis genesis;
    final TestClock clock = new TestClock(START);
    final PersistenceId persistenceId = PersistenceId.ofUniqueId("system-ledger-" + UUID.randomUUID());
    final EventSourcedBehaviorTestKit<SystemLedger.Command, SystemLedger.Event, LedgerState> ledger;

    LedgerFixture(ActorTestKit kit) {
        this(kit, 0);
    }

    /** A ledger whose genesis puts {@code faucetFunds} in the faucet (at most 10^10 FROST a request). */
    LedgerFixture(ActorTestKit kit, long faucetFunds) {
        genesis = new LedgerGenesis(10, 100, 2000, 53, GATEWAY, FUNDS,
                List.of(new LedgerGenesis.Node(a.id(), 300), new LedgerGenesis.Node(b.id(), 200),
                        new LedgerGenesis.Node(c.id(), 100)), EPOCH, faucetFunds,
                LedgerGenesis.DEFAULT_MAX_FAUCET_AMOUNT);
        ledger = EventSourcedBehaviorTestKit.create(kit.system(),
                SystemLedger.create(persistenceId, genesis, clock, Duration.ofDays(1)),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
        ledger.persistenceTestKit().expectNextPersisted(persistenceId.id(), new SystemLedger.GenesisApplied(genesis));
    }

    /** Registers the three genesis nodes: the committee of epoch 1 forms at {@link #START}. */
    LedgerFixture formed() {
        register(a);
        register(b);
        register(c);
        return this;
    }

    /**
     * Rewrites the journal as a Floe from before epochs turned wrote it (the committee formed with no start, read as
     * {@link EpochProgress#UNKNOWN_START}) and recovers the ledger from it.
     */
    LedgerFixture recoveredFromBeforeEpochs() {
        formed();
        String id = persistenceId.id();
        List<Object> old = ledger.persistenceTestKit().persistedInStorage(id).stream()
                .map(e -> e instanceof SystemLedger.CommitteeFormed formed
                        ? new SystemLedger.CommitteeFormed(formed.committee(), EpochProgress.UNKNOWN_START) : e)
                .toList();
        ledger.persistenceTestKit().clearByPersistenceId(id);
        ledger.persistenceTestKit().persistForRecovery(id, old);
        ledger.restart();
        return this;
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<RegisterNodeReply>>
            register(TestNode node) {
        return ledger.runCommand(replyTo -> new SystemLedger.RegisterNode(node.id(), node.info(0).storageUrl(),
                node.publicKey(), replyTo));
    }

    /** Moves the clock by {@code by} and ticks; answers the events the tick persisted. */
    List<SystemLedger.Event> tickAfter(Duration by) {
        clock.advance(by);
        return ledger.runCommand(new SystemLedger.Tick()).events();
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<Done>>
            reportSynced(NodeId node, Epoch epoch) {
        return ledger.runCommand(replyTo -> new SystemLedger.ReportShardsSynced(node, epoch, replyTo));
    }

    /** A staking call with a fresh request key, as each new call of a caller has; likewise below. */
    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState,
            StatusReply<SystemLedger.StakeReply>> stake(String account, NodeId node, long amount) {
        return stake(account, node, amount, RequestKey.random());
    }

    /** {@code key} given: the same key again is a retry of the same call. */
    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState,
            StatusReply<SystemLedger.StakeReply>> stake(String account, NodeId node, long amount, RequestKey key) {
        return ledger.runCommand(replyTo -> new SystemLedger.Stake(account, node, amount, key, replyTo));
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<StakeChange>>
            requestWithdraw(String account, NodeId node) {
        return requestWithdraw(account, node, RequestKey.random());
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<StakeChange>>
            requestWithdraw(String account, NodeId node, RequestKey key) {
        return ledger.runCommand(replyTo -> new SystemLedger.RequestWithdrawStake(account, node, key, replyTo));
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<StakeChange>>
            withdraw(String account, NodeId node) {
        return withdraw(account, node, RequestKey.random());
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<StakeChange>>
            withdraw(String account, NodeId node, RequestKey key) {
        return ledger.runCommand(replyTo -> new SystemLedger.WithdrawStake(account, node, key, replyTo));
    }

    EpochCommittees epochs() {
        return ledger.<CommitteeReply>runCommand(SystemLedger.GetCommittee::new).reply().epochs().orElseThrow();
    }
}
