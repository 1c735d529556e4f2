package io.floe.actors.ledger;

import io.floe.actors.testing.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.ledger.SystemLedger.ChargeReply;
import io.floe.actors.testing.TestNode;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.ledger.LedgerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Charges that reach the ledger together, as a busy gateway sends them, are settled as if one after the other. */
class ChargeBatcherTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());
    private static final String GATEWAY = LedgerFixture.GATEWAY;
    private static final long FUNDS = LedgerFixture.FUNDS;
    /** 100 storage units for 53 epochs: 100 * (100 * 53 + 2000); the funds pay for one, not two. */
    private static final long BIG = 100L << 20;
    private static final long BIG_COST = 730_000;

    /** Its genesis (nodes a, b, c; the gateway funded with {@link #FUNDS}) and nodes, for a ledger spawned here. */
    private final LedgerFixture fixture = new LedgerFixture(TEST_KIT);
    private final PersistenceId persistenceId = PersistenceId.ofUniqueId("system-ledger-" + UUID.randomUUID());

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void settlesChargesSentTogetherOneAfterTheOther() {
        ActorRef<SystemLedger.Command> ledger = TEST_KIT.spawn(SystemLedger.create(persistenceId, fixture.genesis,
                new TestClock(LedgerFixture.START), Duration.ofHours(1)));
        for (TestNode node : List.of(fixture.a, fixture.b, fixture.c)) {
            TestProbe<StatusReply<SystemLedger.RegisterNodeReply>> probe = TEST_KIT.createTestProbe();
            ledger.tell(new SystemLedger.RegisterNode(node.id(), node.info(0).storageUrl(), node.publicKey(),
                    probe.getRef()));
            assertTrue(probe.receiveMessage().isSuccess());
        }
        ObjectId twice = ObjectId.random();
        List<TestProbe<StatusReply<ChargeReply>>> small = new ArrayList<>();
        List<SystemLedger.ChargeStorage> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestProbe<StatusReply<ChargeReply>> probe = TEST_KIT.createTestProbe();
            small.add(probe);
            sent.add(new SystemLedger.ChargeStorage(GATEWAY, i % 10 == 9 ? twice : ObjectId.random(), 1, 1,
                    probe.getRef()));
        }
        TestProbe<StatusReply<ChargeReply>> firstBig = TEST_KIT.createTestProbe();
        TestProbe<StatusReply<ChargeReply>> secondBig = TEST_KIT.createTestProbe();
        TestProbe<StatusReply<ChargeReply>> refused = TEST_KIT.createTestProbe();
        sent.add(5, new SystemLedger.ChargeStorage(GATEWAY, ObjectId.random(), BIG, 53, firstBig.getRef()));
        sent.add(6, new SystemLedger.ChargeStorage(GATEWAY, ObjectId.random(), BIG, 53, secondBig.getRef()));
        sent.add(7, new SystemLedger.ChargeStorage(GATEWAY, ObjectId.random(), 1, 0, refused.getRef()));
        sent.forEach(ledger::tell);

        assertEquals(StatusReply.success(new ChargeReply.Charged(BIG_COST, FUNDS - BIG_COST - 5 * 2100,
                new Epoch(1))), firstBig.receiveMessage());
        assertInstanceOf(ChargeReply.InsufficientFunds.class, secondBig.receiveMessage().getValue());
        assertTrue(refused.receiveMessage().isError());
        List<ChargeReply> replies = small.stream().map(p -> p.receiveMessage().getValue()).toList();
        assertEquals(replies.get(9), replies.get(19), "the same key twice is charged once");
        long charged = 19 * 2100 + BIG_COST;
        assertEquals(FUNDS - charged, info(ledger).gatewayBalance());
        assertEquals(20, PersistenceTestKit.create(TEST_KIT.system()).persistedInStorage(persistenceId.id()).stream()
                .filter(e -> e instanceof SystemLedger.AccountCharged).count());
    }

    private static LedgerInfo info(ActorRef<SystemLedger.Command> ledger) {
        TestProbe<LedgerInfo> probe = TEST_KIT.createTestProbe();
        ledger.tell(new SystemLedger.GetLedgerInfo(probe.getRef()));
        return probe.receiveMessage();
    }
}
