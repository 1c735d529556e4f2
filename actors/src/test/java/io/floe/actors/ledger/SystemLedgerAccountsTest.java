package io.floe.actors.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.ledger.AccountCommands.AllocationReply;
import io.floe.actors.ledger.AccountCommands.AllocationReply.Allocated;
import io.floe.actors.ledger.AccountCommands.Receipt;
import io.floe.actors.ledger.SystemLedger.ChargeReply;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.ResourceOperation;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The ledger's account commands: storage reuse and purchase, signed requests, extensions, refunds, the faucet. */
class SystemLedgerAccountsTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());
    private static final long UNENCODED = 1_000_000;
    /** What 1 MB encodes to on the fixture's 10 shards, and its storage units. */
    private static final long ENCODED = StorageCost.encodedLength(UNENCODED, 10);
    private static final long UNITS = StorageCost.storageUnits(ENCODED);

    private final AccountFixture a = new AccountFixture(TEST_KIT);

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void faucetPaysOnceByKeyUpToItsLimit() {
        Wallet w = a.wallet();
        assertEquals(StatusReply.success(5000L), a.faucet(w.address, 5000, "k1").reply());
        assertEquals(StatusReply.success(5000L), a.faucet(w.address, 5000, "k1").reply());
        assertTrue(a.faucet(w.address, 5000, "k1").hasNoEvents(), "a retry pays nothing");
        assertRefused("ID_REUSED", a.faucet(w.address, 6000, "k1").reply());
        assertRefused("MALFORMED", a.faucet(w.address, LedgerGenesis.DEFAULT_MAX_FAUCET_AMOUNT + 1, "k2").reply());
        assertEquals(5000, a.account(w.address).balance());
        assertEquals(AccountFixture.FAUCET - 5000, a.f.ledger.getState().balance(LedgerGenesis.FAUCET_ACCOUNT));
    }

    @Test
    void networkWithoutFaucetRefusesIt() {
        AccountFixture none = new AccountFixture(TEST_KIT, 0);
        CommandResultWithReply<?, ?, ?, StatusReply<Long>> refused = none.faucet(a.wallet().address, 10, "k");
        assertRefused("NO_FAUCET", refused.reply());
        assertTrue(refused.hasNoEvents());
    }

    @Test
    void gatewayBuysFromScratchWithoutSignedRequest() {
        Allocated got = allocated(a.allocate(LedgerFixture.GATEWAY, ObjectId.random(), ENCODED, 3, Optional.empty()));
        assertEquals(ResourceOperation.REGISTER_FROM_SCRATCH, got.operation());
        assertEquals(UNITS * (100 * 3 + 2000), got.cost());
        assertEquals(new StorageResource(got.resource().id(), a.epoch(), a.epoch().plus(3), ENCODED), got.resource());
        assertRefused("WRONG_ACCOUNT",
                a.allocate(a.wallet().address, ObjectId.random(), ENCODED, 3, Optional.empty()).reply());
    }

    @Test
    void reusesReturnedStorageSplittingTheRest() {
        Wallet w = a.funded(1_000_000);
        Epoch e = a.epoch();
        StorageResource returned = new StorageResource(ObjectId.random(), e, e.plus(5), 2 * ENCODED);
        a.giveBack(w.address, returned, "delete-1");
        ObjectId key = ObjectId.random();
        Allocated got = allocated(a.allocate(w.address, key, ENCODED, 3, Optional.of(w.register(UNENCODED, 3))));
        assertEquals(ResourceOperation.REUSE_STORAGE, got.operation());
        assertEquals(UNITS * 2000, got.cost());
        assertEquals(new StorageResource(returned.id(), e, e.plus(3), ENCODED), got.resource());
        List<StorageResource> rest = a.account(w.address).storage();
        assertEquals(2 * ENCODED * 5, byteEpochs(rest) + ENCODED * 3, "no byte-epoch created or lost: " + rest);
        assertEquals(1_000_000 - got.cost(), a.account(w.address).balance());
    }

    @Test
    void reusesAndExtendsStorageThatEndsEarly() {
        Wallet w = a.funded(1_000_000);
        Epoch e = a.epoch();
        a.giveBack(w.address, new StorageResource(ObjectId.random(), e, e.plus(2), ENCODED), "delete-1");
        Allocated got = allocated(a.allocate(w.address, ObjectId.random(), ENCODED, 5,
                Optional.of(w.register(UNENCODED, 5))));
        assertEquals(ResourceOperation.REUSE_AND_EXTEND, got.operation());
        assertEquals(UNITS * (100 * 3 + 2000), got.cost());
        assertEquals(e.plus(5), got.resource().end());
        assertEquals(List.of(), a.account(w.address).storage());
    }

    @Test
    void signedAllocationMustMatchAndPaysOnce() {
        Wallet w = a.funded(1_000_000);
        SignedRequest register = w.register(UNENCODED, 3);
        assertRefused("MALFORMED", a.allocate(w.address, ObjectId.random(), ENCODED, 4, Optional.of(register))
                .reply());
        assertRefused("MALFORMED", a.allocate(w.address, ObjectId.random(), ENCODED + 1, 3, Optional.of(register))
                .reply());
        assertRefused("WRONG_ACCOUNT", a.allocate(a.wallet().address, ObjectId.random(), ENCODED, 3,
                Optional.of(register)).reply());
        ObjectId key = ObjectId.random();
        Allocated first = allocated(a.allocate(w.address, key, ENCODED, 3, Optional.of(register)));
        assertEquals(StatusReply.success(first), a.allocate(w.address, key, ENCODED, 3, Optional.of(register))
                .reply());
        assertRefused("ID_REUSED", a.allocate(w.address, ObjectId.random(), ENCODED, 3, Optional.of(register))
                .reply());
        assertEquals(1_000_000 - first.cost(), a.account(w.address).balance());
    }

    @Test
    void forgedOrExpiredRequestPersistsNothing() {
        Wallet w = a.funded(1_000_000);
        SignedRequest good = w.transfer(a.wallet().address, 10);
        byte[] signature = good.signature();
        signature[0] ^= 1;
        CommandResultWithReply<?, ?, ?, StatusReply<Receipt>> forged =
                a.submit(new SignedRequest(good.request(), good.publicKey(), signature));
        assertRefused("INVALID_SIGNATURE", forged.reply());
        assertTrue(forged.hasNoEvents());
        a.f.clock.advance(Duration.ofMinutes(2));
        CommandResultWithReply<?, ?, ?, StatusReply<Receipt>> expired = a.submit(good);
        assertRefused("EXPIRED", expired.reply());
        assertTrue(expired.hasNoEvents());
    }

    @Test
    void transfersOnceAndRefusesReusedId() {
        Wallet w = a.funded(1_000);
        Wallet to = a.wallet();
        SignedRequest transfer = w.transfer(to.address, 400);
        Receipt receipt = a.submit(transfer).reply().getValue();
        assertEquals(new Receipt(transfer.key(), "transfer", 400, 600, Optional.empty()), receipt);
        assertEquals(StatusReply.success(receipt), a.submit(transfer).reply());
        assertEquals(400, a.account(to.address).balance());
        SignedRequest sameId = w.sign(w.request().setRequestId(transfer.parse().getRequestId())
                .setTransfer(transfer.parse().getTransfer().toBuilder().setAmount(1)));
        assertRefused("ID_REUSED", a.submit(sameId).reply());
        assertRefused("INSUFFICIENT_FUNDS", a.submit(w.transfer(to.address, 601)).reply());
        assertRefused("MALFORMED", a.submit(w.transfer("gateway", 1)).reply());
    }

    @Test
    void chargesExtensionsAndRefundsThemOnce() {
        Wallet w = a.funded(1_000_000);
        ObjectId object = ObjectId.random();
        Epoch end = a.epoch().plus(3);
        SignedRequest extend = w.extend(object, 4);
        ChargeReply.Charged charged = (ChargeReply.Charged) a.extend(extend, object, ENCODED, end, false).reply()
                .getValue();
        assertEquals(UNITS * 100 * 4, charged.cost());
        assertEquals(1_000_000 - charged.cost(), charged.balanceAfter());
        assertEquals(StatusReply.success(charged), a.extend(extend, object, ENCODED, end, false).reply());
        assertEquals(StatusReply.ack(), a.refund(extend.key()).reply());
        assertTrue(a.refund(extend.key()).hasNoEvents(), "a refund is given once");
        assertEquals(1_000_000, a.account(w.address).balance());
        assertRefused("NOT_FOUND", a.refund("nobody/none").reply());
        assertRefused("MALFORMED", a.extend(w.extend(object, 51), object, ENCODED, end, false).reply());
        assertRefused("MALFORMED", a.extend(w.extend(object, 1), ObjectId.random(), ENCODED, end, false).reply());
    }

    @Test
    void sharedBlobFundsPayExtensionsBySomeoneElse() {
        Wallet owner = a.funded(1_000_000);
        Wallet stranger = a.funded(10);
        ObjectId object = ObjectId.random();
        Receipt funded = a.submit(owner.fund(object, 500_000)).reply().getValue();
        assertEquals(500_000, funded.balanceAfter());
        assertEquals(500_000, a.sharedFunds(object));
        ChargeReply paid = a.extend(stranger.extend(object, 2), object, ENCODED, a.epoch().plus(1), true).reply()
                .getValue();
        assertEquals(500_000 - UNITS * 200, ((ChargeReply.Charged) paid).balanceAfter());
        assertEquals(10, a.account(stranger.address).balance());
        ChargeReply tooDear = a.extend(stranger.extend(object, 50), object, 1000 * ENCODED, a.epoch().plus(1), true)
                .reply().getValue();
        assertInstanceOf(ChargeReply.InsufficientFunds.class, tooDear);
    }

    @Test
    void stakesOnTheSignersAccount() {
        Wallet w = a.funded(10_000);
        Receipt staked = a.submit(w.stake(a.f.a.id().value(), 4_000)).reply().getValue();
        assertEquals(6_000, staked.balanceAfter());
        assertEquals(w.address, staked.stake().orElseThrow().stakes().get(0).owner());
        assertEquals(1, a.f.ledger.getState().book().of(w.address, a.f.a.id()).size());
        assertRefused("MALFORMED", a.submit(w.stake("no-such-node", 1)).reply());
    }

    @Test
    void returnedStorageIsCutToTheCurrentEpochAndDroppedWhenExpired() {
        Wallet w = a.wallet();
        for (int i = 0; i < 6 && a.epoch().value() == 1; i++) {
            a.f.tickAfter(LedgerFixture.EPOCH.dividedBy(2));
        }
        Epoch e = a.epoch();
        assertTrue(e.value() > 1, "an epoch passed");
        ObjectId id = ObjectId.random();
        a.giveBack(w.address, new StorageResource(id, new Epoch(1), e.plus(2), 7), "k1");
        assertEquals(List.of(new StorageResource(id, e, e.plus(2), 7)), a.account(w.address).storage());
        assertTrue(a.giveBack(w.address, new StorageResource(id, new Epoch(1), e.plus(2), 7), "k1").events().isEmpty());
        a.giveBack(w.address, new StorageResource(ObjectId.random(), new Epoch(1), e, 7), "k2");
        assertEquals(1, a.account(w.address).storage().size());
    }

    @Test
    void answeredKeysAreForgottenOnlyAfterTheyExpireAndStateSurvivesRestart() {
        Wallet w = a.funded(1_000);
        SignedRequest first = w.transfer(a.wallet().address, 1);
        a.submit(first);
        a.f.clock.advance(Duration.ofMinutes(1));
        a.submit(w.transfer(a.wallet().address, 1));
        assertTrue(a.f.ledger.getState().accounts().answered().of(first.key()).isPresent(), "kept until it expires");
        a.f.clock.advance(SignedRequest.MAX_VALIDITY);
        a.submit(w.transfer(a.wallet().address, 1));
        assertTrue(a.f.ledger.getState().accounts().answered().of(first.key()).isEmpty(), "expired key forgotten");
        assertEquals(1, a.f.ledger.getState().accounts().answered().size(), "only the latest is remembered");
        LedgerState before = a.f.ledger.getState();
        assertEquals(a.genesisFrost(), before.totalFrost());
        a.f.ledger.restart();
        assertEquals(before, a.f.ledger.getState());
    }

    private static Allocated allocated(CommandResultWithReply<?, ?, ?, StatusReply<AllocationReply>> result) {
        assertTrue(result.reply().isSuccess(), () -> String.valueOf(result.reply()));
        return assertInstanceOf(Allocated.class, result.reply().getValue());
    }

    private static void assertRefused(String code, StatusReply<?> reply) {
        assertTrue(reply.isError(), () -> "expected " + code + ", got " + reply);
        assertTrue(reply.getError().getMessage().startsWith(code + ": "), reply.getError().getMessage());
    }

    private static long byteEpochs(List<StorageResource> resources) {
        return resources.stream().mapToLong(r -> r.size() * r.epochs()).sum();
    }
}
