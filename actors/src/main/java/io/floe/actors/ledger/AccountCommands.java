package io.floe.actors.ledger;

import io.floe.actors.serialization.FloeMessage;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.ResourceOperation;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.ledger.AccountInfo;
import io.floe.protocol.ledger.StakeChange;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The {@link SystemLedger}'s commands for accounts: storage bought or reused for registrations, extensions, signed
 * requests that only the ledger carries out (transfers, staking, shared-blob funds), refunds, storage returned by
 * deleted blobs, the faucet and account queries (DESIGN.md §10). Kept apart from the ledger's file, which holds its
 * epoch and node commands.
 *
 * <p>Invariants: every command that changes a balance, a resource or a stake is idempotent by its {@code key} (a
 * {@link SignedRequest#key()}, or for registrations the object ID's string form) for at least
 * {@link SignedRequest#MAX_VALIDITY}: the same key again answers the first answer and changes nothing. A command
 * carrying a {@link SignedRequest} is verified by the ledger (signature, account, time) before any event is
 * persisted; a refusal is a {@link StatusReply} error whose text starts with the
 * {@link io.floe.protocol.account.RequestRefusedException.Reason} name and a colon.
 */
public final class AccountCommands {
    private AccountCommands() {
    }

    /**
     * Storage for a registration of {@code encodedLength} bytes from the current epoch for {@code epochsAhead}
     * epochs, on {@code account}: a free resource of the account's that covers it is reused (split as needed, only
     * the write price paid), one that covers its start is reused and extended, otherwise it is bought. With
     * {@code authorization} (a signed {@code register_blob} whose account is {@code account} and whose length and
     * epochs match), the ledger verifies it first; without, only the gateway account may be charged. Keyed by
     * {@code key} (the registration's object ID). Answers {@link AllocationReply}.
     */
    public record AllocateStorage(String account, ObjectId key, long encodedLength, int epochsAhead,
                                  Optional<SignedRequest> authorization,
                                  ActorRef<StatusReply<AllocationReply>> replyTo) implements SystemLedger.Command {
        public AllocateStorage {
            Objects.requireNonNull(authorization, "authorization");
        }
    }

    /** The answer to an {@link AllocateStorage} the ledger did not refuse. */
    public sealed interface AllocationReply extends FloeMessage {
        /**
         * @param resource  the registration's storage (from the current epoch, at least the encoded length)
         * @param cost      FROST charged now (0 when a free resource covered everything but the write, plus the write)
         * @param epoch     the ledger's epoch at the allocation
         */
        record Allocated(StorageResource resource, ResourceOperation operation, long cost, long balanceAfter,
                         Epoch epoch) implements AllocationReply {
        }

        record InsufficientFunds(long balance, long cost) implements AllocationReply {
        }
    }

    /**
     * Charges a signed {@code extend_blob} request: {@code storageSize} bytes for its {@code epochs_extended} epochs at
     * the storage price (no write price), from the signer's balance, or from the shared blob's funds when
     * {@code fromSharedFunds} (then anyone may sign). The ledger checks that the new end {@code currentEnd +
     * epochs} is at most {@code maxEpochsAhead} after its epoch. Keyed by the request's key; answers
     * {@link SystemLedger.ChargeReply}.
     */
    public record ChargeExtension(SignedRequest request, ObjectId objectId, long storageSize, Epoch currentEnd,
                                  boolean fromSharedFunds,
                                  ActorRef<StatusReply<SystemLedger.ChargeReply>> replyTo)
            implements SystemLedger.Command {
    }

    /**
     * Carries out a signed request that changes only the ledger: {@code transfer}, {@code stake},
     * {@code request_withdraw_stake}, {@code withdraw_stake} and {@code fund_shared_blob} (the caller checked that the
     * object is a shared blob). Refused for any other operation. Answers a {@link Receipt}.
     */
    public record Submit(SignedRequest request, ActorRef<StatusReply<Receipt>> replyTo)
            implements SystemLedger.Command {
    }

    /**
     * What a signed request did on the ledger.
     *
     * @param amount       FROST moved (transferred, staked, withdrawn, added to a shared blob's funds)
     * @param balanceAfter the signer's balance afterwards
     * @param stake        the staking change, for the staking operations
     */
    public record Receipt(String key, String operation, long amount, long balanceAfter,
                          Optional<StakeChange> stake) implements FloeMessage {
    }

    /** Undoes the charge made under {@code key} (its blob step was refused after it was paid). Idempotent. */
    public record Refund(String key, ActorRef<StatusReply<Done>> replyTo) implements SystemLedger.Command {
    }

    /**
     * {@code resource} (a deleted blob's storage) returns to {@code owner} as a free resource, unless it has expired.
     * Idempotent by {@code key} (the delete request's).
     */
    public record ReturnStorage(String owner, StorageResource resource, String key,
                                ActorRef<StatusReply<Done>> replyTo) implements SystemLedger.Command {
    }

    /**
     * Moves {@code amount} FROST from the faucet account to {@code account}. Refused on a network whose genesis has
     * no faucet, above {@code maxFaucetAmount} or beyond the faucet's balance. Idempotent by {@code key}. Answers the
     * account's balance afterwards.
     */
    public record Faucet(String account, long amount, String key, ActorRef<StatusReply<Long>> replyTo)
            implements SystemLedger.Command {
    }

    /** Answers an account's balance and free storage resources. */
    public record GetAccount(String account, ActorRef<AccountInfo> replyTo) implements SystemLedger.Command {
    }

    /** Answers the funds of a shared blob object (0 when none were added). */
    public record GetSharedFunds(ObjectId objectId, ActorRef<Long> replyTo) implements SystemLedger.Command {
    }
}
