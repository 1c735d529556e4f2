package io.floe.actors.ledger;

import static io.floe.actors.ledger.LedgerFixture.FUNDS;
import static io.floe.actors.ledger.LedgerFixture.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of staking, withdrawals, charges, sync reports and the passing of time (seeded, bounded): after
 * every step no balance is negative, no FROST was created or lost, and every known committee's members carry the
 * stake that counts in its epoch.
 */
class SystemLedgerPropertyTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());
    private static final int SEEDS = 3;
    private static final int STEPS = 150;
    private static final List<String> ACCOUNTS = List.of(GATEWAY, StakeBook.GENESIS_OWNER, "alice");

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void balancesStayNonNegativeAndFrostIsConserved() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            LedgerFixture f = new LedgerFixture(TEST_KIT).formed();
            f.register(f.d);
            List<NodeId> nodes = List.of(f.a.id(), f.b.id(), f.c.id(), f.d.id());
            long total = f.ledger.getState().totalFrost();
            assertEquals(FUNDS + 600, total);
            for (int step = 0; step < STEPS; step++) {
                String what = step(f, random, nodes);
                checkInvariants(f.ledger.getState(), total, "seed " + seed + " step " + step + " (" + what + ")");
            }
            assertTrue(f.ledger.getState().epoch().value() > 2, "the run crossed several epochs");
        }
    }

    /** One random operation; answers what it did. */
    private static String step(LedgerFixture f, Random random, List<NodeId> nodes) {
        String account = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
        NodeId node = nodes.get(random.nextInt(nodes.size()));
        switch (random.nextInt(7)) {
            case 0:
                long balance = f.ledger.getState().balance(account);
                long amount = 1 + (long) (random.nextDouble() * 1.2 * Math.max(balance, 1000));
                f.stake(account, node, amount);
                return account + " stakes " + amount + " with " + node;
            case 1:
                f.requestWithdraw(account, node);
                return account + " requests withdrawal from " + node;
            case 2:
                f.withdraw(account, node);
                return account + " withdraws from " + node;
            case 3:
                f.ledger.<StatusReply<SystemLedger.ChargeReply>>runCommand(replyTo -> new SystemLedger.ChargeStorage(
                        account, ObjectId.random(), random.nextInt(1 << 22), 1 + random.nextInt(5), replyTo));
                return account + " is charged";
            case 4:
                Committee current = f.ledger.getState().committee().orElseThrow();
                NodeId member = current.members().get(random.nextInt(current.members().size())).id();
                f.reportSynced(member, current.epoch());
                return member + " reports sync of " + current.epoch();
            default:
                f.tickAfter(Duration.ofSeconds(random.nextInt(25)));
                return "time passes";
        }
    }

    private static void checkInvariants(LedgerState state, long total, String when) {
        state.balances().forEach((account, balance) -> assertTrue(balance >= 0, when + ": " + account + " " + balance));
        assertEquals(total, state.totalFrost(), when + ": FROST created or lost");
        checkStakes(state, state.committee().orElseThrow(), when);
        state.progress().next().ifPresent(next -> checkStakes(state, next, when));
    }

    /** A selected committee never changes, so the stake counted in its epoch must not change either. */
    private static void checkStakes(LedgerState state, Committee committee, String when) {
        for (StorageNodeInfo member : committee.members()) {
            assertEquals(state.book().stakeOf(member.id(), committee.epoch()), member.stake(),
                    when + ": stake of " + member.id() + " in epoch " + committee.epoch());
        }
    }
}
