package io.floe.actors.ledger;

import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.ResourceOperation;
import io.floe.protocol.blob.StorageResource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link SystemLedger}'s events for accounts ({@link AccountCommands}) and how each changes the
 * {@link LedgerState}. Each event moves FROST between two holders (balances, the storage fund, shared funds) or only
 * storage resources, so FROST is conserved by construction; {@link RequestAnswered} records what a keyed request was
 * answered, next to the events that carried it out, in the same journal write.
 */
public final class AccountEvents {
    private AccountEvents() {
    }

    /**
     * {@code account} paid {@code cost} for the registration {@code key}, which got {@code resource} by
     * {@code operation}; its free resources {@code removed} were used up and {@code added} are the rest of a split.
     */
    public record StorageAllocated(String account, ObjectId key, long cost, StorageResource resource,
                                   ResourceOperation operation, List<ObjectId> removed,
                                   List<StorageResource> added) implements SystemLedger.Event {
        public StorageAllocated {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(operation, "operation");
            removed = List.copyOf(removed);
            added = List.copyOf(added);
        }
    }

    public record Transferred(String from, String to, long amount) implements SystemLedger.Event {
    }

    /** {@code amount} FROST of {@code from}'s went to the funds of the shared blob {@code object}. */
    public record SharedBlobFunded(String from, ObjectId object, long amount) implements SystemLedger.Event {
    }

    /**
     * An extension was paid into the storage fund: by {@code payer}'s balance, or, when {@code sharedObject} is set,
     * from that shared blob's funds ({@code payer} then only names the signer).
     */
    public record ExtensionCharged(String payer, Optional<ObjectId> sharedObject, long cost)
            implements SystemLedger.Event {
    }

    /** The extension charged under {@code key} went back to where it was paid from. */
    public record ChargeRefunded(String key, String payer, Optional<ObjectId> sharedObject, long amount)
            implements SystemLedger.Event {
    }

    /** {@code resource} (a deleted blob's, from the current epoch on) is free storage of {@code owner} again. */
    public record StorageReturned(String owner, StorageResource resource) implements SystemLedger.Event {
    }

    /** The faucet gave {@code amount} FROST to {@code account}. */
    public record FaucetPaid(String account, long amount) implements SystemLedger.Event {
    }

    /** The keyed request {@code key} was answered {@code answer} at {@code atMillis} (the ledger's clock). */
    public record RequestAnswered(String key, RequestMemo.Answer answer, long atMillis) implements SystemLedger.Event {
    }

    /** {@code state} after {@code event}; the state as it was for an event that is not an account event. */
    static LedgerState apply(LedgerState state, SystemLedger.Event event) {
        AccountBook book = state.accounts();
        if (event instanceof StorageAllocated e) {
            long after = state.balance(e.account()) - e.cost();
            LedgerState.Charge charge = new LedgerState.Charge(e.account(), e.cost(), after, state.epoch(),
                    Optional.of(new LedgerState.Allocation(e.resource(), e.operation())));
            return state.withAccounts(moved(state, e.account(), null, e.cost()),
                    ChargeLog.of(state.charges()).with(e.key(), charge),
                    book.withStorage(e.account(), new HashSet<>(e.removed()), e.added()));
        } else if (event instanceof Transferred e) {
            return state.withAccounts(moved(state, e.from(), e.to(), e.amount()), state.charges(), book);
        } else if (event instanceof SharedBlobFunded e) {
            return state.withAccounts(moved(state, e.from(), null, e.amount()), state.charges(),
                    book.withSharedFunds(e.object(), e.amount()));
        } else if (event instanceof ExtensionCharged e) {
            return paid(state, e.payer(), e.sharedObject(), -e.cost(), book.withExtensionFund(e.cost()));
        } else if (event instanceof ChargeRefunded e) {
            AccountBook refunded = book.withExtensionFund(-e.amount())
                    .withAnswered(book.answered().refunded(e.key()));
            return paid(state, e.payer(), e.sharedObject(), e.amount(), refunded);
        } else if (event instanceof StorageReturned e) {
            return state.withAccounts(state.balances(), state.charges(),
                    book.withStorage(e.owner(), Set.of(e.resource().id()), List.of(e.resource())));
        } else if (event instanceof FaucetPaid e) {
            return state.withAccounts(moved(state, LedgerGenesis.FAUCET_ACCOUNT, e.account(), e.amount()),
                    state.charges(), book);
        } else if (event instanceof RequestAnswered e) {
            return state.withAccounts(state.balances(), state.charges(),
                    book.withAnswered(book.answered().with(e.key(), e.answer(), e.atMillis())));
        }
        return state;
    }

    /** {@code delta} FROST to the payer's balance, or to the shared funds of {@code sharedObject} when set. */
    private static LedgerState paid(LedgerState state, String payer, Optional<ObjectId> sharedObject, long delta,
                                    AccountBook book) {
        if (sharedObject.isPresent()) {
            return state.withAccounts(state.balances(), state.charges(),
                    book.withSharedFunds(sharedObject.get(), delta));
        }
        return state.withAccounts(moved(state, delta < 0 ? payer : null, delta < 0 ? null : payer, Math.abs(delta)),
                state.charges(), book);
    }

    /** The balances with {@code amount} taken from {@code from} and given to {@code to} (either may be null). */
    private static Map<String, Long> moved(LedgerState state, String from, String to, long amount) {
        Map<String, Long> updated = new TreeMap<>(state.balances());
        if (from != null) {
            updated.merge(from, -amount, Math::addExact);
        }
        if (to != null) {
            updated.merge(to, amount, Math::addExact);
        }
        return updated;
    }
}
