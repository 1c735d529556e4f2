package io.floe.actors.serialization;

import io.floe.actors.ledger.AccountBook;
import io.floe.actors.ledger.AccountEvents;
import io.floe.actors.ledger.EpochProgress;
import io.floe.actors.ledger.LedgerGenesis;
import io.floe.actors.ledger.LedgerState;
import io.floe.actors.ledger.RequestMemo;
import io.floe.actors.ledger.StakeBook;
import io.floe.actors.ledger.SystemLedger;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.ResourceOperation;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fixture set v6 of {@link SchemaFixtures}: the ledger's account events (issue 13), the genesis with a faucet and a
 * ledger state holding free storage, shared funds, the extension fund and answered requests. Deterministic.
 */
final class LedgerAccountFixtures {
    private static final String ALICE = "0x" + "a1".repeat(32);
    private static final String BOB = "0x" + "b2".repeat(32);
    private static final ObjectId OBJECT_3 = ObjectId.of(filled(0x33));
    private static final ObjectId OBJECT_4 = ObjectId.of(filled(0x44));
    private static final ObjectId OBJECT_5 = ObjectId.of(filled(0x55));
    private static final NodeId NODE_A = new NodeId("node-a");

    private LedgerAccountFixtures() {
    }

    static Map<String, Object> v6() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("ledger.GenesisApplied.v1@faucet", new SystemLedger.GenesisApplied(genesis()));
        all.put("ledger.StorageAllocated.v1", new AccountEvents.StorageAllocated(ALICE, OBJECT_3, 4000, used(),
                ResourceOperation.REUSE_STORAGE, List.of(OBJECT_4), List.of(rest())));
        all.put("ledger.Transferred.v1", new AccountEvents.Transferred(ALICE, BOB, 700));
        all.put("ledger.SharedBlobFunded.v1", new AccountEvents.SharedBlobFunded(BOB, OBJECT_5, 900));
        all.put("ledger.ExtensionCharged.v1", new AccountEvents.ExtensionCharged(ALICE, Optional.empty(), 300));
        all.put("ledger.ExtensionCharged.v1@shared",
                new AccountEvents.ExtensionCharged(BOB, Optional.of(OBJECT_5), 200));
        all.put("ledger.ChargeRefunded.v1", new AccountEvents.ChargeRefunded(ALICE + "/r-2", ALICE,
                Optional.empty(), 300));
        all.put("ledger.StorageReturned.v1", new AccountEvents.StorageReturned(ALICE, rest()));
        all.put("ledger.FaucetPaid.v1", new AccountEvents.FaucetPaid(ALICE, 10_000));
        all.put("ledger.RequestAnswered.v1", new AccountEvents.RequestAnswered(ALICE + "/r-1", staked(),
                1_700_000_000_000L));
        all.put("ledger.State.v1@accounts", ledger());
        return all;
    }

    private static LedgerGenesis genesis() {
        return new LedgerGenesis(4, 100, 2000, 53, "gateway", 1_000_000,
                List.of(new LedgerGenesis.Node(NODE_A, 300)), Duration.ofSeconds(60), 1_000_000_000L, 50_000);
    }

    private static StorageResource used() {
        return new StorageResource(OBJECT_4, new Epoch(2), new Epoch(5), 1 << 20);
    }

    private static StorageResource rest() {
        return new StorageResource(ObjectId.of(filled(0x66)), new Epoch(2), new Epoch(9), 3 << 20);
    }

    private static RequestMemo.Answer staked() {
        StakedWal stake = new StakedWal(2, NODE_A, ALICE, 500, new Epoch(3), Optional.empty());
        return new RequestMemo.Answer("9f".repeat(32), 1_700_000_060_000L, "stake", 500, 8800, new Epoch(2),
                Optional.of(new StakeChange(List.of(stake), 500, 8800)), Optional.empty(), ALICE, false);
    }

    private static LedgerState ledger() {
        Map<String, RequestMemo.Answer> answered = new LinkedHashMap<>();
        answered.put(ALICE + "/r-1", staked());
        answered.put(BOB + "/r-7", new RequestMemo.Answer("0e".repeat(32), 1_700_000_090_000L, "extend_blob", 200,
                700, new Epoch(2), Optional.empty(), Optional.of(OBJECT_5), "", true));
        AccountBook book = new AccountBook(Map.of(ALICE, List.of(rest())), Map.of(OBJECT_5, 700L), 4300,
                RequestMemo.of(answered));
        Map<ObjectId, LedgerState.Charge> charges = Map.of(OBJECT_3, new LedgerState.Charge(ALICE, 4000, 5300,
                new Epoch(2), Optional.of(new LedgerState.Allocation(used(), ResourceOperation.REUSE_STORAGE))));
        return new LedgerState(Optional.of(genesis()), new Epoch(2), Map.of(), Optional.empty(),
                Map.of("gateway", 1_000_000L, LedgerGenesis.FAUCET_ACCOUNT, 999_990_000L, ALICE, 5300L),
                charges, EpochProgress.initial(), StakeBook.genesis(genesis()), book);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
