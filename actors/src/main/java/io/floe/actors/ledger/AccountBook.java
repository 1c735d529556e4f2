package io.floe.actors.ledger;

import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the ledger holds for accounts besides their balances: the free storage resources each account owns (the rest
 * of a split, a deleted blob's storage), the funds of shared blobs, the FROST paid for extensions (the storage fund's
 * part that {@link LedgerState#charges()} does not hold), and the answers to keyed requests ({@link RequestMemo}).
 *
 * <p>Invariants: immutable; no account's list is empty (an account without free storage has no entry); every shared
 * fund and the extension fund are >= 0.
 */
public record AccountBook(Map<String, List<StorageResource>> freeStorage, Map<ObjectId, Long> sharedFunds,
                          long extensionFund, RequestMemo answered) {
    /** Free resources are listed latest end first (the order {@link io.floe.protocol.ledger.AccountInfo} shows). */
    static final Comparator<StorageResource> LATEST_END_FIRST = Comparator.comparing(StorageResource::end)
            .reversed().thenComparing(StorageResource::start).thenComparing(r -> r.id().toString());

    public AccountBook {
        Map<String, List<StorageResource>> copy = new TreeMap<>();
        freeStorage.forEach((account, list) -> {
            if (!list.isEmpty()) {
                List<StorageResource> sorted = new ArrayList<>(list);
                sorted.sort(LATEST_END_FIRST);
                copy.put(account, List.copyOf(sorted));
            }
        });
        freeStorage = Collections.unmodifiableMap(copy);
        sharedFunds = Collections.unmodifiableMap(new HashMap<>(sharedFunds));
        sharedFunds.values().forEach(v -> requireNotNegative(v, "shared funds"));
        requireNotNegative(extensionFund, "extension fund");
        Objects.requireNonNull(answered, "answered");
    }

    public static AccountBook empty() {
        return new AccountBook(Map.of(), Map.of(), 0, RequestMemo.empty());
    }

    /** {@code account}'s free resources that have not expired at {@code current}, latest end first. */
    public List<StorageResource> freeOf(String account, Epoch current) {
        return freeStorage.getOrDefault(account, List.of()).stream().filter(r -> !r.expiredAt(current)).toList();
    }

    public long sharedFundsOf(ObjectId object) {
        return sharedFunds.getOrDefault(object, 0L);
    }

    /** Every FROST held here: shared blobs' funds and the extension fund. */
    public long totalFrost() {
        long sum = extensionFund;
        for (long funds : sharedFunds.values()) {
            sum = Math.addExact(sum, funds);
        }
        return sum;
    }

    /** {@code account}'s free storage without the resources {@code removed} and with {@code added}. */
    AccountBook withStorage(String account, Set<ObjectId> removed, List<StorageResource> added) {
        List<StorageResource> list = new ArrayList<>(freeStorage.getOrDefault(account, List.of()));
        list.removeIf(r -> removed.contains(r.id()));
        list.addAll(added);
        Map<String, List<StorageResource>> updated = new TreeMap<>(freeStorage);
        updated.put(account, list);
        return new AccountBook(updated, sharedFunds, extensionFund, answered);
    }

    /** The shared funds of {@code object} changed by {@code delta}. */
    AccountBook withSharedFunds(ObjectId object, long delta) {
        Map<ObjectId, Long> updated = new HashMap<>(sharedFunds);
        updated.merge(object, delta, Math::addExact);
        return new AccountBook(freeStorage, updated, extensionFund, answered);
    }

    AccountBook withExtensionFund(long delta) {
        return new AccountBook(freeStorage, sharedFunds, Math.addExact(extensionFund, delta), answered);
    }

    AccountBook withAnswered(RequestMemo memo) {
        return new AccountBook(freeStorage, sharedFunds, extensionFund, memo);
    }

    private static void requireNotNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0: " + value);
        }
    }
}
