package io.floe.actors.ledger;

import io.floe.actors.testing.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.ledger.SystemLedger.ChargeReply;
import io.floe.actors.ledger.SystemLedger.CommitteeReply;
import io.floe.actors.ledger.SystemLedger.RegisterNodeReply;
import io.floe.actors.testing.TestNode;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.StakeApportionment;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.tls.TlsFingerprint;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.ledger.PoolParams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SystemLedgerTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());
    private static final String GATEWAY = "gateway";
    private static final long FUNDS = 1_000_000;

    private final TestNode a = TestNode.create("node-a");
    private final TestNode b = TestNode.create("node-b");
    private final TestNode c = TestNode.create("node-c");
    private final LedgerGenesis genesis = new LedgerGenesis(10, 100, 2000, 53, GATEWAY, FUNDS,
            List.of(new LedgerGenesis.Node(a.id(), 300), new LedgerGenesis.Node(b.id(), 200),
                    new LedgerGenesis.Node(c.id(), 100)));

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private PersistenceId persistenceId;
    private EventSourcedBehaviorTestKit<SystemLedger.Command, SystemLedger.Event, LedgerState> ledger;

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @BeforeEach
    void startLedger() {
        persistenceId = PersistenceId.ofUniqueId("system-ledger-" + UUID.randomUUID());
        ledger = EventSourcedBehaviorTestKit.create(TEST_KIT.system(),
                SystemLedger.create(persistenceId, genesis, clock, Duration.ofHours(1)),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
        // The ledger applies the genesis by itself after recovering an empty journal.
        ledger.persistenceTestKit().expectNextPersisted(persistenceId.id(), new SystemLedger.GenesisApplied(genesis));
    }

    @Test
    void answersOnlyAfterGenesis() {
        PersistenceId fresh = PersistenceId.ofUniqueId("system-ledger-" + UUID.randomUUID());
        ActorRef<SystemLedger.Command> early = TEST_KIT.spawn(SystemLedger.create(fresh, genesis));
        TestProbe<LedgerInfo> probe = TEST_KIT.createTestProbe();
        // Sent before recovery ends, so it is handled before the ledger's own ApplyGenesis: it must wait.
        early.tell(new SystemLedger.GetLedgerInfo(probe.ref()));
        assertEquals(new LedgerInfo(Epoch.GENESIS, 10, 100, 2000, 53, GATEWAY, FUNDS), probe.receiveMessage());
        TEST_KIT.stop(early);
    }

    @Test
    void registersNodeOutsideGenesisWithEmptyPool() {
        // Issue 11: any node may register a pool; before it, only genesis nodes could register.
        TestNode stranger = TestNode.create("stranger");
        var result = register(stranger);
        assertEquals(StatusReply.success(new RegisterNodeReply(stranger.info(0))), result.reply());
        assertEquals(PoolParams.DEFAULT, ledger.getState().book().pools().get(stranger.id()));
        assertEquals(List.of(a.id(), b.id(), c.id()), ledger.getState().missingNodes());
    }

    @Test
    void rejectsNodeWithoutUrl() {
        var result = ledger.<StatusReply<RegisterNodeReply>>runCommand(replyTo -> new SystemLedger.RegisterNode(
                a.id(), " ", a.publicKey(), replyTo));
        assertTrue(result.reply().isError());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void rejectsKeyOfWrongLength() {
        // The key's type refuses it before a RegisterNode can carry it (and FloeSerializerTest shows the same for
        // one arriving over the wire), with the reason the ledger gave when it checked the length itself.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Ed25519PublicKey.of(new byte[31]));
        assertEquals("an Ed25519 public key has 32 bytes, got 31", refused.getMessage());
    }

    @Test
    void formsCommitteeWhenAllNodesRegistered() {
        register(a);
        register(b);
        CommitteeReply partial = ledger.<CommitteeReply>runCommand(SystemLedger.GetCommittee::new).reply();
        assertEquals(new CommitteeReply(Optional.empty(), List.of(c.id())), partial);

        var last = register(c);
        Committee expected = StakeApportionment.genesis(Epoch.GENESIS,
                List.of(a.info(300), b.info(200), c.info(100)), 10);
        assertEquals(List.of(new SystemLedger.NodeRegistered(c.id(), c.info(100).storageUrl(), c.publicKey(),
                PoolParams.DEFAULT), new SystemLedger.CommitteeFormed(expected, clock.millis())), last.events());
        CommitteeReply formed = ledger.<CommitteeReply>runCommand(SystemLedger.GetCommittee::new).reply();
        assertEquals(Optional.of(expected), formed.committee());
        assertEquals(List.of(), formed.missing());
        assertEquals(EpochState.EPOCH_CHANGE_DONE, formed.epochs().orElseThrow().state());
        assertEquals(Instant.ofEpochMilli(clock.millis()), formed.epochs().orElseThrow().startOfCurrentEpoch());
        assertEquals(10, expected.weightOf(List.of(a.id(), b.id(), c.id())));
        assertTrue(expected.shardsOf(a.id()).size() > expected.shardsOf(c.id()).size());
    }

    @Test
    void registeringSameKeyAgainChangesNothing() {
        register(a);
        var again = register(a);
        assertEquals(StatusReply.success(new RegisterNodeReply(a.info(300))), again.reply());
        assertTrue(again.hasNoEvents());
    }

    @Test
    void newCertificateFingerprintFollowsInTheCommittee() {
        register(a);
        register(b);
        register(c);
        TlsFingerprint tls = TlsFingerprint.of(new byte[32]);
        var https = ledger.<StatusReply<RegisterNodeReply>>runCommand(replyTo -> new SystemLedger.RegisterNode(
                a.id(), "https://127.0.0.1:9185", a.publicKey(), PoolParams.DEFAULT, Optional.of(tls), replyTo));
        assertEquals(Optional.of(tls), https.reply().getValue().node().tlsFingerprint());
        assertEquals(Optional.of(tls), committee().member(a.id()).orElseThrow().tlsFingerprint());
        assertEquals(300, committee().member(a.id()).orElseThrow().stake());
    }

    @Test
    void rejectsHttpsNodeWithoutFingerprint() {
        var result = ledger.<StatusReply<RegisterNodeReply>>runCommand(replyTo -> new SystemLedger.RegisterNode(
                a.id(), "https://127.0.0.1:9185", a.publicKey(), replyTo));
        assertTrue(result.reply().isError());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void newKeyUpdatesTheMemberButMovesNoShard() {
        register(a);
        register(b);
        register(c);
        Committee before = committee();
        TestNode wiped = TestNode.create(a.id().value());
        var result = register(wiped);
        assertEquals(1, result.events().size());
        Committee after = committee();
        assertEquals(before.shardOwners(), after.shardOwners());
        assertEquals(wiped.publicKey(), after.member(a.id()).orElseThrow().publicKey());
        assertEquals(before.member(b.id()), after.member(b.id()));
    }

    @Test
    void chargesOnceForSameKey() {
        ObjectId key = ObjectId.random();
        long encoded = StorageCost.encodedLength(1L << 20, 10); // 4 storage units
        long cost = 4 * (100 * 5 + 2000);
        var first = charge(GATEWAY, key, encoded, 5);
        ChargeReply.Charged charged = new ChargeReply.Charged(cost, FUNDS - cost, Epoch.GENESIS);
        assertEquals(StatusReply.success(charged), first.reply());
        assertEquals(new SystemLedger.AccountCharged(GATEWAY, key, cost), first.event());

        var again = charge(GATEWAY, key, encoded * 2, 7);
        assertEquals(StatusReply.success(charged), again.reply());
        assertTrue(again.hasNoEvents());
        assertEquals(FUNDS - cost, info().gatewayBalance());
    }

    @Test
    void refusesWhenBalanceTooLow() {
        long encoded = 500L << 20; // 500 units: 500 * (100 * 53 + 2000) = 3,650,000 > 1,000,000
        var result = charge(GATEWAY, ObjectId.random(), encoded, 53);
        assertEquals(StatusReply.success(new ChargeReply.InsufficientFunds(FUNDS, 3_650_000)), result.reply());
        assertTrue(result.hasNoEvents());
        assertEquals(StatusReply.success(new ChargeReply.InsufficientFunds(0, 2100)),
                charge("nobody", ObjectId.random(), 1, 1).reply());
        assertEquals(FUNDS, info().gatewayBalance());
    }

    @Test
    void rejectsEpochsOutsideTheLimit() {
        assertTrue(charge(GATEWAY, ObjectId.random(), 1, 0).reply().isError());
        assertTrue(charge(GATEWAY, ObjectId.random(), 1, 54).reply().isError());
        assertInstanceOf(ChargeReply.Charged.class, charge(GATEWAY, ObjectId.random(), 1, 53).reply().getValue());
    }

    @Test
    void largestLengthCostsItsPriceInsteadOfWrapping() {
        long cost = StorageCost.cost(Long.MAX_VALUE, 53, 100, 2000);
        var result = charge(GATEWAY, ObjectId.random(), Long.MAX_VALUE, 53);
        assertEquals(StatusReply.success(new ChargeReply.InsufficientFunds(FUNDS, cost)), result.reply());
        assertTrue(cost > 0);
        assertTrue(result.hasNoEvents());
    }

    @Test
    void keepsStateAcrossRestartWithoutSecondGenesis() {
        register(a);
        charge(GATEWAY, ObjectId.random(), 1, 1);
        LedgerState before = ledger.getState();
        assertEquals(before, ledger.restart().state());
        assertEquals(FUNDS - 2100, info().gatewayBalance());
        long geneses = ledger.persistenceTestKit().persistedInStorage(persistenceId.id()).stream()
                .filter(e -> e instanceof SystemLedger.GenesisApplied).count();
        assertEquals(1, geneses);
    }

    private CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState,
            StatusReply<RegisterNodeReply>> register(TestNode node) {
        return ledger.runCommand(replyTo -> new SystemLedger.RegisterNode(node.id(), node.info(0).storageUrl(),
                node.publicKey(), replyTo));
    }

    private CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState,
            StatusReply<ChargeReply>> charge(String account, ObjectId key, long encodedLength, int epochs) {
        return ledger.runCommand(replyTo -> new SystemLedger.ChargeStorage(account, key, encodedLength, epochs,
                replyTo));
    }

    private Committee committee() {
        return ledger.<CommitteeReply>runCommand(SystemLedger.GetCommittee::new).reply().committee().orElseThrow();
    }

    private LedgerInfo info() {
        return ledger.<LedgerInfo>runCommand(SystemLedger.GetLedgerInfo::new).reply();
    }
}
