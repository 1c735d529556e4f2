package io.floe.actors.ledger;

import static io.floe.actors.ledger.LedgerFixture.EPOCH;
import static io.floe.actors.ledger.LedgerFixture.FUNDS;
import static io.floe.actors.ledger.LedgerFixture.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.ledger.SystemLedger.StakeReply;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** When stakes start and stop counting, and when their FROST come back. */
class SystemLedgerStakingTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());
    private static final Duration HALF = EPOCH.dividedBy(2);

    private final LedgerFixture f = new LedgerFixture(TEST_KIT).formed();

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void genesisStakesAreTheGenesisOwnersFromEpochOne() {
        assertEquals(600, f.ledger.getState().book().total());
        assertEquals(300, f.ledger.getState().book().stakeOf(f.a.id(), Epoch.GENESIS));
        assertTrue(f.ledger.getState().book().stakes().values().stream()
                .allMatch(s -> s.owner().equals(StakeBook.GENESIS_OWNER)));
    }

    @Test
    void stakeCountsNextEpochOrTheOneAfterOnceSelected() {
        StakedWal early = staked(f.stake(GATEWAY, f.a.id(), 1000).reply().getValue());
        assertEquals(new Epoch(2), early.activationEpoch());
        f.tickAfter(HALF);
        StakeChange late = ((StakeReply.Staked) f.stake(GATEWAY, f.a.id(), 500).reply().getValue()).change();
        assertEquals(new Epoch(3), late.stakes().get(0).activationEpoch());
        assertEquals(FUNDS - 1500, late.balanceAfter());
        assertEquals(1300, f.epochs().next().orElseThrow().member(f.a.id()).orElseThrow().stake());
    }

    @Test
    void refusesBadStakes() {
        assertTrue(f.stake(GATEWAY, new NodeId("nobody"), 10).reply().isError());
        assertTrue(f.stake(GATEWAY, f.a.id(), 0).reply().isError());
        var poor = f.stake(GATEWAY, f.a.id(), FUNDS + 1);
        assertEquals(new StakeReply.InsufficientFunds(FUNDS, FUNDS + 1), poor.reply().getValue());
        assertTrue(poor.hasNoEvents());
        assertTrue(f.requestWithdraw(GATEWAY, f.a.id()).reply().isError(), "nothing staked");
        assertTrue(f.withdraw(GATEWAY, f.a.id()).reply().isError(), "nothing requested");
    }

    @Test
    void stakeNoCommitteeCountsYetStopsAtOnce() {
        f.stake(GATEWAY, f.b.id(), 1000);
        StakeChange requested = f.requestWithdraw(GATEWAY, f.b.id()).reply().getValue();
        assertEquals(Optional.of(Epoch.GENESIS), requested.stakes().get(0).withdrawEpoch());
        StakeChange back = f.withdraw(GATEWAY, f.b.id()).reply().getValue();
        assertEquals(1000, back.amount());
        assertEquals(FUNDS, back.balanceAfter());
        assertEquals(600, f.ledger.getState().book().total());
    }

    @Test
    void withdrawalWaitsUntilTheNodeLeftTheCommitteeThatNeededIt() {
        f.register(f.d);
        f.stake(GATEWAY, f.d.id(), 10_000);
        f.tickAfter(HALF);
        f.tickAfter(HALF);
        f.reportSynced(f.d.id(), new Epoch(2));
        // Epoch 2: d holds shards with the stake; withdrawing stops it counting from epoch 3.
        StakeChange requested = f.requestWithdraw(GATEWAY, f.d.id()).reply().getValue();
        assertEquals(Optional.of(new Epoch(3)), requested.stakes().get(0).withdrawEpoch());
        assertTrue(f.withdraw(GATEWAY, f.d.id()).reply().isError(), "epoch 2 still counts it");
        f.tickAfter(HALF);
        assertTrue(f.epochs().next().orElseThrow().shardsOf(f.d.id()).isEmpty());
        f.tickAfter(HALF);
        // Epoch 3 started; d's shards move back to the genesis nodes, which have not synced yet.
        assertTrue(f.withdraw(GATEWAY, f.d.id()).reply().isError(), "the change away from d is not done");
        for (NodeId node : f.epochs().current().members().stream().map(m -> m.id()).toList()) {
            f.reportSynced(node, new Epoch(3));
        }
        assertTrue(f.ledger.getState().changeDone());
        StakeChange back = f.withdraw(GATEWAY, f.d.id()).reply().getValue();
        assertEquals(10_000, back.amount());
        assertEquals(FUNDS, back.balanceAfter());
    }

    private static StakedWal staked(StakeReply reply) {
        return assertInstanceOf(StakeReply.Staked.class, reply).change().stakes().get(0);
    }
}
