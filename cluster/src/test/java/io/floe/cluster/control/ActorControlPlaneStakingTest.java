package io.floe.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.floe.actors.ledger.CommitteeCache;
import io.floe.actors.ledger.SystemLedger;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.StakeChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each staking call picks one request key, and every retry of that call (after a lost reply) carries it. */
class ActorControlPlaneStakingTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create("control-plane-staking");
    private static final long WAIT_SECONDS = 10;
    private static final NodeId NODE = new NodeId("node-a");
    private static final StakeChange CHANGE = new StakeChange(List.of(), 0, 100);

    private final TestProbe<SystemLedger.Command> ledger = TEST_KIT.createTestProbe();
    private final ActorControlPlane control = new ActorControlPlane(null, ledger.ref(),
            new CommitteeCache(TEST_KIT.system(), ledger.ref()),
            new BoundedAsk(TEST_KIT.system().scheduler(), new AskSettings(Duration.ofMillis(200), 3,
                    Duration.ofMillis(20))), "gateway");

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void stakeRetriesWithItsKeyAndANewCallTakesANewOne() throws Exception {
        CompletionStage<StakeChange> reply = control.stake(NODE, 500);
        SystemLedger.Stake lost = ledger.expectMessageClass(SystemLedger.Stake.class);
        SystemLedger.Stake retry = ledger.expectMessageClass(SystemLedger.Stake.class);
        assertEquals(lost.key(), retry.key());
        retry.replyTo().tell(StatusReply.success(new SystemLedger.StakeReply.Staked(CHANGE)));
        assertEquals(CHANGE, reply.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));

        control.stake(NODE, 500);
        assertNotEquals(lost.key(), ledger.expectMessageClass(SystemLedger.Stake.class).key());
    }

    @Test
    void withdrawalsRetryWithTheirKey() throws Exception {
        CompletionStage<StakeChange> requested = control.requestWithdrawStake(NODE);
        var lostRequest = ledger.expectMessageClass(SystemLedger.RequestWithdrawStake.class);
        var request = ledger.expectMessageClass(SystemLedger.RequestWithdrawStake.class);
        assertEquals(lostRequest.key(), request.key());
        request.replyTo().tell(StatusReply.success(CHANGE));
        assertEquals(CHANGE, requested.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));

        CompletionStage<StakeChange> withdrawn = control.withdrawStake(NODE);
        SystemLedger.WithdrawStake lostWithdraw = ledger.expectMessageClass(SystemLedger.WithdrawStake.class);
        SystemLedger.WithdrawStake withdraw = ledger.expectMessageClass(SystemLedger.WithdrawStake.class);
        assertEquals(lostWithdraw.key(), withdraw.key());
        assertNotEquals(request.key(), withdraw.key());
        withdraw.replyTo().tell(StatusReply.success(CHANGE));
        assertEquals(CHANGE, withdrawn.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
    }
}
