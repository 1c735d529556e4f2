package io.floe.actors.ledger;

import io.floe.actors.ledger.AccountCommands.AllocateStorage;
import io.floe.actors.ledger.SystemLedger.AccountCharged;
import io.floe.actors.ledger.SystemLedger.ChargeReply;
import io.floe.actors.ledger.SystemLedger.ChargeStorage;
import io.floe.actors.ledger.SystemLedger.Command;
import io.floe.actors.ledger.SystemLedger.Event;
import io.floe.actors.ledger.SystemLedger.SettleCharges;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.StorageCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * Gathers the storage charges ({@link ChargeStorage}, and {@link AccountCommands.AllocateStorage}, which the gateway
 * sends for every store) that reach the ledger together and persists them in one journal write. The ledger is
 * one actor: persisting each charge alone made every store wait for the journal writes of all the stores queued
 * before it. A charge is only noted here; the first one also sends the ledger a {@link SettleCharges}, which reaches
 * it after the charges already in its mailbox (and those Pekko stashed while the ledger was persisting), so one
 * settlement decides them all in arrival order and persists their {@link AccountCharged} events at once. Every
 * charge sends one; those that find nothing pending do nothing.
 *
 * <p>Invariants: each noted charge is answered exactly once, by the settlement after it; a charge that persists an
 * event, or whose key an earlier charge of the same settlement charged, is answered only after the events are
 * persisted, refusals at once; the charges of one settlement are decided as if handled one after the other (a
 * charge sees the balance the earlier ones left). Confined to the ledger actor. Charges not yet settled when the
 * ledger stops are lost with it; the callers' asks time out and are retried (charges are idempotent by key).
 */
final class ChargeBatcher {
    private final EffectFactories<Event, LedgerState> effect;
    private final ActorRef<Command> self;
    private final LongSupplier clock;
    private final List<Command> pending = new ArrayList<>();

    /** @param clock the ledger's clock in milliseconds: signed requests are verified against it */
    ChargeBatcher(EffectFactories<Event, LedgerState> effect, ActorRef<Command> self, LongSupplier clock) {
        this.effect = effect;
        this.self = self;
        this.clock = clock;
    }

    ReplyEffect<Event, LedgerState> onAllocateStorage(LedgerState state, AllocateStorage cmd) {
        self.tell(new SettleCharges());
        pending.add(cmd);
        return effect.noReply();
    }

    ReplyEffect<Event, LedgerState> onChargeStorage(LedgerState state, ChargeStorage cmd) {
        // One settlement per charge, not only for the first: a settlement that finds nothing pending does nothing,
        // and none can be lost for good (a dropped one would leave every later charge unanswered).
        self.tell(new SettleCharges());
        pending.add(cmd);
        return effect.noReply();
    }

    ReplyEffect<Event, LedgerState> onSettleCharges(LedgerState state, SettleCharges cmd) {
        List<Command> batch = List.copyOf(pending);
        pending.clear();
        List<Event> events = new ArrayList<>();
        List<Command> afterPersist = new ArrayList<>();
        LedgerState working = state;
        long now = clock.getAsLong();
        for (Command charge : batch) {
            ObjectId key = keyOf(charge);
            Optional<LedgerState.Charge> persisted = state.chargeFor(key);
            if (persisted.isPresent()) {
                answer(charge, persisted.get());
            } else if (working.chargeFor(key).isPresent()) {
                afterPersist.add(charge);
            } else {
                List<Event> decided = decide(working, charge, now);
                for (Event e : decided) {
                    working = e instanceof AccountCharged c ? working.withCharge(c.account(), c.key(), c.cost())
                            : AccountEvents.apply(working, e);
                }
                if (!decided.isEmpty()) {
                    events.addAll(decided);
                    afterPersist.add(charge);
                }
            }
        }
        if (events.isEmpty()) {
            return effect.noReply();
        }
        return effect.persist(events).thenRun(s -> afterPersist.forEach(c -> answer(c,
                s.chargeFor(keyOf(c)).orElseThrow()))).thenNoReply();
    }

    private static ObjectId keyOf(Command charge) {
        return charge instanceof AllocateStorage a ? a.key() : ((ChargeStorage) charge).key();
    }

    /** Answers {@code charge} with what the ledger recorded under its key. */
    private static void answer(Command charge, LedgerState.Charge recorded) {
        if (charge instanceof AllocateStorage a) {
            a.replyTo().tell(Allocations.replay(recorded));
        } else {
            ((ChargeStorage) charge).replyTo().tell(StatusReply.success(recorded.toReply()));
        }
    }

    private static List<Event> decide(LedgerState state, Command charge, long now) {
        if (charge instanceof AllocateStorage a) {
            return Allocations.decide(state, a, now);
        }
        return decide(state, (ChargeStorage) charge).<List<Event>>map(List::of).orElse(List.of());
    }

    /** The event that charges {@code cmd} on top of {@code state}, or none after telling the caller why not. */
    private static Optional<AccountCharged> decide(LedgerState state, ChargeStorage cmd) {
        LedgerGenesis g = state.requireGenesis();
        Optional<String> problem = problem(g, cmd);
        if (problem.isPresent()) {
            cmd.replyTo().tell(StatusReply.error(problem.get()));
            return Optional.empty();
        }
        long cost;
        try {
            cost = StorageCost.cost(cmd.encodedLength(), cmd.epochsAhead(), g.storagePricePerUnit(),
                    g.writePricePerUnit());
        } catch (ArithmeticException e) {
            cmd.replyTo().tell(StatusReply.error("the cost of " + cmd.encodedLength() + " bytes for "
                    + cmd.epochsAhead() + " epochs does not fit in a long"));
            return Optional.empty();
        }
        long balance = state.balance(cmd.account());
        if (balance < cost) {
            cmd.replyTo().tell(StatusReply.success(new ChargeReply.InsufficientFunds(balance, cost)));
            return Optional.empty();
        }
        return Optional.of(new AccountCharged(cmd.account(), cmd.key(), cost));
    }

    private static Optional<String> problem(LedgerGenesis genesis, ChargeStorage cmd) {
        if (cmd.account() == null || cmd.account().isBlank()) {
            return Optional.of("a charge needs an account");
        }
        if (cmd.epochsAhead() < 1 || cmd.epochsAhead() > genesis.maxEpochsAhead()) {
            return Optional.of("epochs ahead must be 1.." + genesis.maxEpochsAhead() + ": " + cmd.epochsAhead());
        }
        if (cmd.encodedLength() < 0) {
            return Optional.of("encoded length must be >= 0: " + cmd.encodedLength());
        }
        return Optional.empty();
    }
}
