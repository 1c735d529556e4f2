package io.floe.cluster.control;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.blob.ObjectCommands;
import io.floe.actors.ledger.AccountCommands;
import io.floe.actors.ledger.SystemLedger;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.control.RequestReceipt;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.ledger.AccountInfo;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * The sagas that carry out a client's signed request (DESIGN.md §10) across the ledger and a blob's entity: an
 * extension is checked at the entity, charged at the ledger, then applied at the entity (and refunded if the entity
 * refuses it after the charge); a deletion is applied at the entity, then the freed storage goes back to its owner at
 * the ledger; funding a shared blob is checked at the entity (it must be shared) and carried out at the ledger; the
 * other object operations go to the entity alone, the account operations to the ledger alone.
 *
 * <p>Invariant: every step is idempotent by the request's {@link SignedRequest#key()} (each actor answers a key it has
 * seen with its first answer), so running the whole saga again for the same request, as an HTTP retry does, repeats
 * no charge, refund or return. A refund is only sent after a refusal, never after a step that did not answer: that
 * step may have been applied, and the retry of the request completes it.
 */
final class SignedRequests {
    private final BoundedAsk ask;
    private final Supplier<RecipientRef<SystemLedger.Command>> ledger;
    private final Function<BlobId, RecipientRef<BlobEntity.Command>> entities;
    /** Told of every blob an object operation may have changed (caches of blob records forget it). */
    private final Consumer<BlobId> changed;

    SignedRequests(BoundedAsk ask, Supplier<RecipientRef<SystemLedger.Command>> ledger,
                   Function<BlobId, RecipientRef<BlobEntity.Command>> entities, Consumer<BlobId> changed) {
        this.ask = ask;
        this.ledger = ledger;
        this.entities = entities;
        this.changed = changed;
    }

    /** Carries out {@code request}; fails with {@link ControlPlaneException.Refused} for the request's faults. */
    CompletionStage<RequestReceipt> submit(SignedRequest request) {
        CompletionStage<RequestReceipt> receipt;
        try {
            receipt = route(request, request.parse());
        } catch (RuntimeException e) {
            receipt = CompletableFuture.failedFuture(e);
        }
        return receipt.exceptionallyCompose(error -> CompletableFuture.failedFuture(Refusals.translate(error)));
    }

    private CompletionStage<RequestReceipt> route(SignedRequest request, ClientRequest parsed) {
        switch (parsed.getOperationCase()) {
            case REGISTER_BLOB:
                throw Refusals.refused("INVALID_REQUEST",
                        "a register_blob request is sent with the blob's bytes to PUT /v1/blobs");
            case OPERATION_NOT_SET:
                throw Refusals.refused("INVALID_REQUEST", "the request names no operation");
            case TRANSFER:
            case STAKE:
            case REQUEST_WITHDRAW_STAKE:
            case WITHDRAW_STAKE:
                return atLedger(request).thenApply(r -> receipt(r, Optional.empty(), List.of()));
            case FUND_SHARED_BLOB:
                return fundShared(request, blobOf(parsed));
            case EXTEND_BLOB:
                return extend(request, blobOf(parsed));
            case DELETE_BLOB:
                return delete(request, blobOf(parsed));
            default:
                // burn_blobs, share_blob, set_attributes, remove_attributes, send_object: the entity alone.
                BlobId blobId = blobOf(parsed);
                return apply(blobId, request, 0).thenCompose(change -> withBalance(request, blobId, 0, change,
                        Optional.empty()));
        }
    }

    private CompletionStage<RequestReceipt> fundShared(SignedRequest request, BlobId blobId) {
        return check(blobId, request).thenCompose(check -> {
            Registration object = check.registration();
            if (!object.shared()) {
                throw Refusals.refused("INVALID_REQUEST", "object " + object.objectId()
                        + " is not a shared blob; only shared blobs have funds");
            }
            return atLedger(request).thenApply(r -> receipt(r, Optional.of(blobId), List.of(object)));
        });
    }

    private CompletionStage<RequestReceipt> extend(SignedRequest request, BlobId blobId) {
        return check(blobId, request).thenCompose(check -> {
            Registration object = check.registration();
            return chargeExtension(request, object).thenCompose(charged -> apply(blobId, request, charged.cost(),
                            Optional.of(object.endEpoch()))
                    .exceptionallyCompose(error -> refundIfRefused(request.key(), error))
                    .thenCompose(change -> object.shared()
                            // Paid from the shared funds: the signer's own balance is asked for.
                            ? withBalance(request, blobId, charged.cost(), change, Optional.empty())
                            : CompletableFuture.completedFuture(receipt(request, change, charged.cost(),
                                    charged.balanceAfter(), Optional.empty()))));
        });
    }

    private CompletionStage<RequestReceipt> delete(SignedRequest request, BlobId blobId) {
        return apply(blobId, request, 0).thenCompose(change -> {
            if (change.released().isEmpty()) {
                return withBalance(request, blobId, 0, change, Optional.empty());
            }
            String owner = change.after().isEmpty() ? request.parse().getAccount() : change.after().get(0).owner();
            return ask.<SystemLedger.Command, Done>askWithStatus("the system ledger", ledger,
                            replyTo -> new AccountCommands.ReturnStorage(owner, change.released().get(),
                                    request.key(), replyTo))
                    .thenCompose(done -> withBalance(request, blobId, 0, change, change.released()));
        });
    }

    private CompletionStage<SystemLedger.ChargeReply.Charged> chargeExtension(SignedRequest request,
                                                                            Registration object) {
        return ask.<SystemLedger.Command, SystemLedger.ChargeReply>askWithStatus("the system ledger", ledger,
                replyTo -> new AccountCommands.ChargeExtension(request, object.objectId(), object.storage().size(),
                        object.endEpoch(), object.shared(), replyTo)).thenApply(reply -> {
                            if (reply instanceof SystemLedger.ChargeReply.Charged charged) {
                                return charged;
                            }
                            SystemLedger.ChargeReply.InsufficientFunds poor =
                                    (SystemLedger.ChargeReply.InsufficientFunds) reply;
                            String payer = object.shared() ? "the shared funds of " + object.objectId()
                                    : request.parse().getAccount();
                            throw new ControlPlaneException.InsufficientFunds(payer, poor.balance(), poor.cost());
                        });
    }

    /** The entity refused after the ledger charged: the charge is undone before the refusal is answered. */
    private CompletionStage<ObjectCommands.ObjectChange> refundIfRefused(String key, Throwable error) {
        Throwable cause = Refusals.unwrap(error);
        if (!(cause instanceof ControlPlaneException.Rejected)
                || Refusals.translate(cause) instanceof ControlPlaneException.Unavailable) {
            // No answer, or an entity that judged nothing yet (no committee): the extension may be applied by a
            // retry of the request, which the kept charge pays for.
            return CompletableFuture.failedFuture(cause);
        }
        return ask.<SystemLedger.Command, Done>askWithStatus("the system ledger", ledger,
                        replyTo -> new AccountCommands.Refund(key, replyTo))
                .thenCompose(done -> CompletableFuture.failedFuture(cause));
    }

    private CompletionStage<ObjectCommands.ObjectCheck> check(BlobId blobId, SignedRequest request) {
        return ask.askWithStatus("Blob entity " + blobId, () -> entities.apply(blobId),
                replyTo -> new ObjectCommands.CheckRequest(request, replyTo));
    }

    private CompletionStage<ObjectCommands.ObjectChange> apply(BlobId blobId, SignedRequest request, long paid) {
        return apply(blobId, request, paid, Optional.empty());
    }

    /** Applies at the entity; an extension names the end epoch it was priced from. */
    private CompletionStage<ObjectCommands.ObjectChange> apply(BlobId blobId, SignedRequest request, long paid,
                                                               Optional<io.floe.protocol.committee.Epoch> pricedEnd) {
        return ask.<BlobEntity.Command, ObjectCommands.ObjectChange>askWithStatus("Blob entity " + blobId,
                        () -> entities.apply(blobId),
                        replyTo -> new ObjectCommands.ApplyRequest(request, paid, pricedEnd, replyTo))
                .whenComplete((change, error) -> changed.accept(blobId));
    }

    private CompletionStage<AccountCommands.Receipt> atLedger(SignedRequest request) {
        return ask.askWithStatus("the system ledger", ledger, replyTo -> new AccountCommands.Submit(request, replyTo));
    }

    /** The receipt of an object operation, with the signer's balance as the ledger has it now. */
    private CompletionStage<RequestReceipt> withBalance(SignedRequest request, BlobId blobId, long cost,
                                                        ObjectCommands.ObjectChange change,
                                                        Optional<io.floe.protocol.blob.StorageResource> returned) {
        String signer = request.parse().getAccount();
        return ask.<SystemLedger.Command, AccountInfo>ask("the system ledger", ledger,
                        replyTo -> new AccountCommands.GetAccount(signer, replyTo))
                .thenApply(account -> new RequestReceipt(request.key(), operation(request), cost, 0,
                        account.balance(), Optional.of(blobId), change.after(), returned, Optional.empty()));
    }

    private static RequestReceipt receipt(SignedRequest request, ObjectCommands.ObjectChange change, long cost,
                                          long balanceAfter, Optional<io.floe.protocol.blob.StorageResource> returned) {
        return new RequestReceipt(request.key(), operation(request), cost, 0, balanceAfter,
                Optional.of(blobOf(request.parse())), change.after(), returned, Optional.empty());
    }

    private static RequestReceipt receipt(AccountCommands.Receipt r, Optional<BlobId> blobId, List<Registration> objects) {
        return new RequestReceipt(r.key(), r.operation(), 0, r.amount(), r.balanceAfter(), blobId, objects,
                Optional.empty(), r.stake());
    }

    /** The operation in the proto's names ({@code extend_blob}, ...). */
    static String operation(SignedRequest request) {
        return request.parse().getOperationCase().name().toLowerCase(Locale.ROOT);
    }

    /** The blob an object operation acts on: its entity is the one asked. */
    static BlobId blobOf(ClientRequest parsed) {
        try {
            return BlobId.of(parsed.getBlobId().toByteArray());
        } catch (RuntimeException e) {
            throw Refusals.refused("INVALID_REQUEST", "an object operation names its blob in blob_id (32 bytes): "
                    + e.getMessage());
        }
    }
}
