package io.floe.actors.ledger;

import static io.floe.actors.ledger.LedgerFixture.FUNDS;
import static io.floe.actors.ledger.LedgerFixture.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.ledger.SystemLedger.StakeReply;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.ledger.StakeChange;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A staking call retried with its request key (a lost reply) is answered as the first time and changes nothing. */
class SystemLedgerStakingRetryTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());

    private final LedgerFixture f = new LedgerFixture(TEST_KIT).formed();

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void retriedStakeStakesAndChargesOnce() {
        RequestKey key = RequestKey.random();
        var first = f.stake(GATEWAY, f.a.id(), 1000, key);
        var retry = f.stake(GATEWAY, f.a.id(), 1000, key);
        assertEquals(1, first.events().size());
        assertEquals(new SystemLedger.Staked(stakeOf(first.reply()).stakes().get(0), Optional.of(key)),
                first.event());
        assertTrue(retry.hasNoEvents());
        assertEquals(first.reply(), retry.reply());
        assertEquals(FUNDS - 1000, f.ledger.getState().balance(GATEWAY));
        assertEquals(600 + 1000, f.ledger.getState().book().total());
    }

    @Test
    void retriedStakeIsAnsweredAsFirstEvenAfterTheBalanceChanged() {
        RequestKey key = RequestKey.random();
        var first = f.stake(GATEWAY, f.a.id(), 1000, key);
        f.stake(GATEWAY, f.b.id(), 300);
        assertEquals(FUNDS - 1000, stakeOf(f.stake(GATEWAY, f.a.id(), 1000, key).reply()).balanceAfter());
        assertEquals(first.reply(), f.stake(GATEWAY, f.a.id(), 1000, key).reply());
    }

    @Test
    void stakesWithDifferentKeysAreTwoStakes() {
        f.stake(GATEWAY, f.a.id(), 1000);
        f.stake(GATEWAY, f.a.id(), 1000);
        assertEquals(FUNDS - 2000, f.ledger.getState().balance(GATEWAY));
    }

    @Test
    void retriedWithdrawalRequestAnswersAsFirst() {
        f.stake(GATEWAY, f.b.id(), 1000);
        RequestKey key = RequestKey.random();
        var first = f.requestWithdraw(GATEWAY, f.b.id(), key);
        var retry = f.requestWithdraw(GATEWAY, f.b.id(), key);
        assertEquals(Optional.of(Epoch.GENESIS), first.reply().getValue().stakes().get(0).withdrawEpoch());
        assertTrue(retry.hasNoEvents());
        assertEquals(first.reply(), retry.reply());
        assertTrue(f.requestWithdraw(GATEWAY, f.b.id()).reply().isError(), "a new call has nothing left to request");
    }

    @Test
    void retriedWithdrawalReturnsTheFrostOnce() {
        f.stake(GATEWAY, f.b.id(), 1000);
        f.requestWithdraw(GATEWAY, f.b.id());
        RequestKey key = RequestKey.random();
        var first = f.withdraw(GATEWAY, f.b.id(), key);
        var retry = f.withdraw(GATEWAY, f.b.id(), key);
        assertEquals(new StakeChange(first.reply().getValue().stakes(), 1000, FUNDS), first.reply().getValue());
        assertTrue(retry.hasNoEvents());
        assertEquals(first.reply(), retry.reply());
        assertEquals(FUNDS, f.ledger.getState().balance(GATEWAY));
        assertEquals(f.ledger.getState().totalFrost(), FUNDS + 600);
    }

    @Test
    void keyOfAnotherOperationIsRefused() {
        RequestKey key = RequestKey.random();
        f.stake(GATEWAY, f.b.id(), 1000, key);
        var misused = f.withdraw(GATEWAY, f.b.id(), key);
        assertTrue(misused.reply().isError());
        assertTrue(misused.hasNoEvents());
    }

    @Test
    void refusedOrPoorCallsAreNotRemembered() {
        RequestKey key = RequestKey.random();
        assertInstanceOf(StakeReply.InsufficientFunds.class, f.stake(GATEWAY, f.a.id(), FUNDS + 1, key).reply()
                .getValue());
        // The same key later (the caller's retry once funds arrived) is decided afresh.
        assertInstanceOf(StakeReply.Staked.class, f.stake(GATEWAY, f.a.id(), 10, key).reply().getValue());
    }

    @Test
    void retryIsRecognisedAfterRestart() {
        RequestKey key = RequestKey.random();
        var first = f.stake(GATEWAY, f.c.id(), 700, key);
        f.ledger.restart();
        var retry = f.stake(GATEWAY, f.c.id(), 700, key);
        assertTrue(retry.hasNoEvents());
        assertEquals(first.reply(), retry.reply());
    }

    @Test
    void remembersOnlyTheLatestOperations() {
        StakeReceipts receipts = StakeReceipts.empty();
        RequestKey oldest = RequestKey.random();
        StakeReceipts.Receipt receipt = new StakeReceipts.Receipt(StakeReceipts.Operation.STAKE,
                new StakeChange(List.of(), 1, 0));
        receipts = receipts.with(Optional.of(oldest), receipt);
        for (int i = 0; i < StakeReceipts.LIMIT; i++) {
            receipts = receipts.with(Optional.of(RequestKey.random()), receipt);
        }
        assertEquals(StakeReceipts.LIMIT, receipts.byKey().size());
        assertTrue(receipts.of(oldest).isEmpty());
        assertEquals(receipts, receipts.with(Optional.empty(), receipt));
    }

    private static StakeChange stakeOf(StatusReply<StakeReply> reply) {
        return assertInstanceOf(StakeReply.Staked.class, reply.getValue()).change();
    }
}
