package io.floe.actors.ledger;

import io.floe.actors.ledger.AccountCommands.AllocationReply;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.ledger.AccountInfo;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;

/** A formed ledger with a faucet of {@link #FAUCET} FROST, and the account commands as one-line calls. */
final class AccountFixture {
    static final long FAUCET = 1_000_000_000_000L;

    final LedgerFixture f;

    AccountFixture(ActorTestKit kit) {
        this(kit, FAUCET);
    }

    AccountFixture(ActorTestKit kit, long faucet) {
        f = new LedgerFixture(kit, faucet).formed();
    }

    Wallet wallet() {
        return new Wallet(f.clock::millis);
    }

    /** A wallet the faucet gave {@code amount}. */
    Wallet funded(long amount) {
        Wallet w = wallet();
        faucet(w.address, amount, UUID.randomUUID().toString());
        return w;
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<Long>> faucet(
            String account, long amount, String key) {
        return f.ledger.runCommand(r -> new AccountCommands.Faucet(account, amount, key, r));
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<AllocationReply>>
            allocate(String account, ObjectId key, long encoded, int epochs, Optional<SignedRequest> auth) {
        return f.ledger.runCommand(r -> new AccountCommands.AllocateStorage(account, key, encoded, epochs, auth, r));
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState,
            StatusReply<AccountCommands.Receipt>> submit(SignedRequest request) {
        return f.ledger.runCommand(r -> new AccountCommands.Submit(request, r));
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState,
            StatusReply<SystemLedger.ChargeReply>> extend(SignedRequest request, ObjectId object, long size,
                                                          Epoch end, boolean shared) {
        return f.ledger.runCommand(r -> new AccountCommands.ChargeExtension(request, object, size, end, shared, r));
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<Done>> refund(
            String key) {
        return f.ledger.runCommand(r -> new AccountCommands.Refund(key, r));
    }

    CommandResultWithReply<SystemLedger.Command, SystemLedger.Event, LedgerState, StatusReply<Done>> giveBack(
            String owner, StorageResource resource, String key) {
        return f.ledger.runCommand(r -> new AccountCommands.ReturnStorage(owner, resource, key, r));
    }

    AccountInfo account(String account) {
        return f.ledger.<AccountInfo>runCommand(r -> new AccountCommands.GetAccount(account, r)).reply();
    }

    long sharedFunds(ObjectId object) {
        return f.ledger.<Long>runCommand(r -> new AccountCommands.GetSharedFunds(object, r)).reply();
    }

    Epoch epoch() {
        return f.ledger.getState().epoch();
    }

    /** Every FROST there is: the genesis funds, the faucet's and the genesis stakes. */
    long genesisFrost() {
        return LedgerFixture.FUNDS + f.genesis.faucetFunds() + 600;
    }
}
