package io.floe.actors.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Random account operations (seeded, bounded): faucet, transfers, signed allocations, returned storage, extensions
 * from balances and shared funds, refunds, staking and time. After every step no balance or fund is negative and
 * balances + stakes + charges + extension fund + shared funds equal the genesis funds, faucet and stakes.
 */
class AccountsPropertyTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());
    private static final int SEEDS = 2;
    private static final int STEPS = 120;

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void frostIsConservedAcrossAccountOperations() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            AccountFixture a = new AccountFixture(TEST_KIT);
            List<Wallet> wallets = List.of(a.wallet(), a.wallet(), a.wallet());
            List<ObjectId> objects = List.of(ObjectId.random(), ObjectId.random());
            List<String> extensions = new ArrayList<>();
            assertEquals(a.genesisFrost(), a.f.ledger.getState().totalFrost());
            for (int step = 0; step < STEPS; step++) {
                Wallet w = wallets.get(random.nextInt(wallets.size()));
                String what = step(a, random, w, wallets, objects, extensions);
                check(a, "seed " + seed + " step " + step + " (" + what + ")");
            }
        }
    }

    private static String step(AccountFixture a, Random random, Wallet w, List<Wallet> wallets,
                               List<ObjectId> objects, List<String> extensions) {
        ObjectId object = objects.get(random.nextInt(objects.size()));
        long amount = 1 + random.nextInt(2_000_000);
        Epoch e = a.epoch();
        switch (random.nextInt(9)) {
            case 0:
                a.faucet(w.address, amount, UUID.randomUUID().toString());
                return "faucet " + amount;
            case 1:
                a.submit(w.transfer(wallets.get(random.nextInt(wallets.size())).address, amount));
                return "transfer " + amount;
            case 2:
                long unencoded = 1 + random.nextInt(1_800_000);
                int epochs = 1 + random.nextInt(10);
                a.allocate(w.address, ObjectId.random(), StorageCost.encodedLength(unencoded, 10), epochs,
                        Optional.of(w.register(unencoded, epochs)));
                return "allocate " + unencoded + " for " + epochs;
            case 3:
                a.giveBack(w.address, new StorageResource(ObjectId.random(), e, e.plus(1 + random.nextInt(8)),
                        random.nextInt(1 << 23)), UUID.randomUUID().toString());
                return "storage returned";
            case 4:
                SignedRequest extend = w.extend(object, 1 + random.nextInt(5));
                a.extend(extend, object, random.nextInt(1 << 23), e.plus(1), random.nextBoolean());
                extensions.add(extend.key());
                return "extend";
            case 5:
                if (!extensions.isEmpty()) {
                    a.refund(extensions.get(random.nextInt(extensions.size())));
                }
                return "refund";
            case 6:
                a.submit(w.fund(object, amount));
                return "fund " + amount;
            case 7:
                a.submit(w.stake(a.f.a.id().value(), amount));
                return "stake " + amount;
            default:
                a.f.tickAfter(Duration.ofSeconds(random.nextInt(40)));
                return "time passes";
        }
    }

    private static void check(AccountFixture a, String when) {
        LedgerState state = a.f.ledger.getState();
        state.balances().forEach((account, b) -> assertTrue(b >= 0, when + ": " + account + " " + b));
        state.accounts().sharedFunds().forEach((o, b) -> assertTrue(b >= 0, when + ": shared " + o + " " + b));
        assertEquals(a.genesisFrost(), state.totalFrost(), when + ": FROST created or lost");
    }
}
