package io.floe.actors.serialization;

import static io.floe.actors.serialization.AccountShapesMapper.fromProto;
import static io.floe.actors.serialization.AccountShapesMapper.optionalObject;
import static io.floe.actors.serialization.AccountShapesMapper.resources;
import static io.floe.actors.serialization.AccountShapesMapper.resourcesToProto;
import static io.floe.actors.serialization.AccountShapesMapper.toProto;
import static io.floe.actors.serialization.SharedShapesMapper.bytes;
import static io.floe.actors.serialization.SharedShapesMapper.objectId;

import io.floe.actors.ledger.AccountCommands;
import io.floe.actors.ledger.AccountCommands.AllocationReply;
import io.floe.actors.ledger.AccountEvents;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.ledger.AccountInfo;
import io.floe.protocol.proto.FloeLedgerProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Protobuf mapping of the SystemLedger's account commands, replies and events ({@link AccountCommands},
 * {@link AccountEvents}; {@code floe_ledger.proto}); their shapes map in {@link AccountShapesMapper}. ActorRefs
 * travel as {@link ActorRefResolver} strings.
 */
public final class LedgerAccountMessagesMapper implements MessageMapper {
    private final ActorRefResolver refs;

    public LedgerAccountMessagesMapper(ActorRefResolver refs) {
        this.refs = refs;
    }

    @Override
    public List<Codec<?>> codecs() {
        List<Codec<?>> all = new ArrayList<>();
        all.addAll(commandCodecs());
        all.addAll(queryAndReplyCodecs());
        all.addAll(eventCodecs());
        return all;
    }

    private List<Codec<?>> commandCodecs() {
        return List.of(
                Codec.of(AccountCommands.AllocateStorage.class, "ledger.AllocateStorage.v1", this::allocateToProto,
                        FloeLedgerProto.AllocateStorage.parser(), this::allocate),
                Codec.of(AccountCommands.ChargeExtension.class, "ledger.ChargeExtension.v1", this::extensionToProto,
                        FloeLedgerProto.ChargeExtension.parser(), this::extension),
                Codec.of(AccountCommands.Submit.class, "ledger.Submit.v1",
                        c -> FloeLedgerProto.Submit.newBuilder().setRequest(toProto(c.request()))
                                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build(),
                        FloeLedgerProto.Submit.parser(),
                        p -> new AccountCommands.Submit(fromProto(p.getRequest()),
                                refs.resolveActorRef(p.getReplyTo()))),
                Codec.of(AccountCommands.Refund.class, "ledger.Refund.v1",
                        c -> FloeLedgerProto.Refund.newBuilder().setKey(c.key())
                                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build(),
                        FloeLedgerProto.Refund.parser(),
                        p -> new AccountCommands.Refund(p.getKey(), refs.resolveActorRef(p.getReplyTo()))),
                Codec.of(AccountCommands.ReturnStorage.class, "ledger.ReturnStorage.v1",
                        c -> FloeLedgerProto.ReturnStorage.newBuilder().setOwner(c.owner())
                                .setResource(toProto(c.resource())).setKey(c.key())
                                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build(),
                        FloeLedgerProto.ReturnStorage.parser(),
                        p -> new AccountCommands.ReturnStorage(p.getOwner(), fromProto(p.getResource()), p.getKey(),
                                refs.resolveActorRef(p.getReplyTo()))),
                Codec.of(AccountCommands.Faucet.class, "ledger.Faucet.v1",
                        c -> FloeLedgerProto.Faucet.newBuilder().setAccount(c.account()).setAmount(c.amount())
                                .setKey(c.key()).setReplyTo(refs.toSerializationFormat(c.replyTo())).build(),
                        FloeLedgerProto.Faucet.parser(),
                        p -> new AccountCommands.Faucet(p.getAccount(), p.getAmount(), p.getKey(),
                                refs.resolveActorRef(p.getReplyTo()))));
    }

    private List<Codec<?>> queryAndReplyCodecs() {
        return List.of(
                Codec.of(AccountCommands.GetAccount.class, "ledger.GetAccount.v1",
                        c -> FloeLedgerProto.GetAccount.newBuilder().setAccount(c.account())
                                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build(),
                        FloeLedgerProto.GetAccount.parser(),
                        p -> new AccountCommands.GetAccount(p.getAccount(), refs.resolveActorRef(p.getReplyTo()))),
                Codec.of(AccountCommands.GetSharedFunds.class, "ledger.GetSharedFunds.v1",
                        c -> FloeLedgerProto.GetSharedFunds.newBuilder().setObjectId(bytes(c.objectId()))
                                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build(),
                        FloeLedgerProto.GetSharedFunds.parser(),
                        p -> new AccountCommands.GetSharedFunds(objectId(p.getObjectId()),
                                refs.resolveActorRef(p.getReplyTo()))),
                Codec.of(AllocationReply.Allocated.class, "ledger.Allocated.v1",
                        r -> FloeLedgerProto.Allocated.newBuilder().setResource(toProto(r.resource()))
                                .setOperation(toProto(r.operation())).setCost(r.cost())
                                .setBalanceAfter(r.balanceAfter()).setEpoch(r.epoch().value()).build(),
                        FloeLedgerProto.Allocated.parser(),
                        p -> new AllocationReply.Allocated(fromProto(p.getResource()), fromProto(p.getOperation()),
                                p.getCost(), p.getBalanceAfter(), new Epoch(p.getEpoch()))),
                Codec.of(AllocationReply.InsufficientFunds.class, "ledger.AllocationInsufficientFunds.v1",
                        r -> FloeLedgerProto.AllocationInsufficientFunds.newBuilder().setBalance(r.balance())
                                .setCost(r.cost()).build(),
                        FloeLedgerProto.AllocationInsufficientFunds.parser(),
                        p -> new AllocationReply.InsufficientFunds(p.getBalance(), p.getCost())),
                Codec.of(AccountCommands.Receipt.class, "ledger.AccountReceipt.v1", this::receiptToProto,
                        FloeLedgerProto.AccountReceipt.parser(), this::receipt),
                Codec.of(AccountInfo.class, "ledger.AccountInfo.v1",
                        r -> FloeLedgerProto.AccountInfoReply.newBuilder().setAccount(r.account())
                                .setBalance(r.balance()).addAllStorage(resourcesToProto(r.storage()))
                                .build(),
                        FloeLedgerProto.AccountInfoReply.parser(),
                        p -> new AccountInfo(p.getAccount(), p.getBalance(),
                                resources(p.getStorageList()))));
    }

    private List<Codec<?>> eventCodecs() {
        return List.of(
                Codec.of(AccountEvents.StorageAllocated.class, "ledger.StorageAllocated.v1", this::allocatedToProto,
                        FloeLedgerProto.StorageAllocated.parser(), this::allocated),
                Codec.of(AccountEvents.Transferred.class, "ledger.Transferred.v1",
                        e -> FloeLedgerProto.Transferred.newBuilder().setFrom(e.from()).setTo(e.to())
                                .setAmount(e.amount()).build(),
                        FloeLedgerProto.Transferred.parser(),
                        p -> new AccountEvents.Transferred(p.getFrom(), p.getTo(), p.getAmount())),
                Codec.of(AccountEvents.SharedBlobFunded.class, "ledger.SharedBlobFunded.v1",
                        e -> FloeLedgerProto.SharedBlobFunded.newBuilder().setFrom(e.from())
                                .setObjectId(bytes(e.object())).setAmount(e.amount()).build(),
                        FloeLedgerProto.SharedBlobFunded.parser(),
                        p -> new AccountEvents.SharedBlobFunded(p.getFrom(), objectId(p.getObjectId()),
                                p.getAmount())),
                Codec.of(AccountEvents.ExtensionCharged.class, "ledger.ExtensionCharged.v1",
                        e -> FloeLedgerProto.ExtensionCharged.newBuilder().setPayer(e.payer())
                                .setSharedObjectId(toProto(e.sharedObject())).setCost(e.cost()).build(),
                        FloeLedgerProto.ExtensionCharged.parser(),
                        p -> new AccountEvents.ExtensionCharged(p.getPayer(), optionalObject(p.getSharedObjectId()),
                                p.getCost())),
                Codec.of(AccountEvents.ChargeRefunded.class, "ledger.ChargeRefunded.v1",
                        e -> FloeLedgerProto.ChargeRefunded.newBuilder().setKey(e.key()).setPayer(e.payer())
                                .setSharedObjectId(toProto(e.sharedObject())).setAmount(e.amount()).build(),
                        FloeLedgerProto.ChargeRefunded.parser(),
                        p -> new AccountEvents.ChargeRefunded(p.getKey(), p.getPayer(),
                                optionalObject(p.getSharedObjectId()), p.getAmount())),
                Codec.of(AccountEvents.StorageReturned.class, "ledger.StorageReturned.v1",
                        e -> FloeLedgerProto.StorageReturned.newBuilder().setOwner(e.owner())
                                .setResource(toProto(e.resource())).build(),
                        FloeLedgerProto.StorageReturned.parser(),
                        p -> new AccountEvents.StorageReturned(p.getOwner(), fromProto(p.getResource()))),
                Codec.of(AccountEvents.FaucetPaid.class, "ledger.FaucetPaid.v1",
                        e -> FloeLedgerProto.FaucetPaid.newBuilder().setAccount(e.account()).setAmount(e.amount())
                                .build(),
                        FloeLedgerProto.FaucetPaid.parser(),
                        p -> new AccountEvents.FaucetPaid(p.getAccount(), p.getAmount())),
                Codec.of(AccountEvents.RequestAnswered.class, "ledger.RequestAnswered.v1",
                        e -> FloeLedgerProto.RequestAnswered.newBuilder().setKey(e.key())
                                .setAnswer(toProto(e.answer())).setAtMillis(e.atMillis()).build(),
                        FloeLedgerProto.RequestAnswered.parser(),
                        p -> new AccountEvents.RequestAnswered(p.getKey(), fromProto(p.getAnswer()),
                                p.getAtMillis())));
    }

    public FloeLedgerProto.AllocateStorage allocateToProto(AccountCommands.AllocateStorage c) {
        FloeLedgerProto.AllocateStorage.Builder b = FloeLedgerProto.AllocateStorage.newBuilder()
                .setAccount(c.account()).setKey(bytes(c.key())).setEncodedLength(c.encodedLength())
                .setEpochsAhead(c.epochsAhead()).setReplyTo(refs.toSerializationFormat(c.replyTo()));
        c.authorization().ifPresent(a -> b.setAuthorization(toProto(a)));
        return b.build();
    }

    public AccountCommands.AllocateStorage allocate(FloeLedgerProto.AllocateStorage p) {
        return new AccountCommands.AllocateStorage(p.getAccount(), objectId(p.getKey()), p.getEncodedLength(),
                p.getEpochsAhead(), p.hasAuthorization() ? Optional.of(fromProto(p.getAuthorization()))
                : Optional.empty(), refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeLedgerProto.ChargeExtension extensionToProto(AccountCommands.ChargeExtension c) {
        return FloeLedgerProto.ChargeExtension.newBuilder().setRequest(toProto(c.request()))
                .setObjectId(bytes(c.objectId())).setStorageSize(c.storageSize())
                .setCurrentEnd(c.currentEnd().value()).setFromSharedFunds(c.fromSharedFunds())
                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public AccountCommands.ChargeExtension extension(FloeLedgerProto.ChargeExtension p) {
        return new AccountCommands.ChargeExtension(fromProto(p.getRequest()), objectId(p.getObjectId()),
                p.getStorageSize(), new Epoch(p.getCurrentEnd()), p.getFromSharedFunds(),
                refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeLedgerProto.AccountReceipt receiptToProto(AccountCommands.Receipt r) {
        FloeLedgerProto.AccountReceipt.Builder b = FloeLedgerProto.AccountReceipt.newBuilder().setKey(r.key())
                .setOperation(r.operation()).setAmount(r.amount()).setBalanceAfter(r.balanceAfter());
        r.stake().ifPresent(s -> b.setStake(LedgerShapesMapper.toProto(s)));
        return b.build();
    }

    public AccountCommands.Receipt receipt(FloeLedgerProto.AccountReceipt p) {
        return new AccountCommands.Receipt(p.getKey(), p.getOperation(), p.getAmount(), p.getBalanceAfter(),
                p.hasStake() ? Optional.of(LedgerShapesMapper.fromProto(p.getStake())) : Optional.empty());
    }

    public FloeLedgerProto.StorageAllocated allocatedToProto(AccountEvents.StorageAllocated e) {
        return FloeLedgerProto.StorageAllocated.newBuilder().setAccount(e.account()).setKey(bytes(e.key()))
                .setCost(e.cost()).setResource(toProto(e.resource())).setOperation(toProto(e.operation()))
                .addAllRemoved(e.removed().stream().map(SharedShapesMapper::bytes).toList())
                .addAllAdded(resourcesToProto(e.added())).build();
    }

    public AccountEvents.StorageAllocated allocated(FloeLedgerProto.StorageAllocated p) {
        return new AccountEvents.StorageAllocated(p.getAccount(), objectId(p.getKey()), p.getCost(),
                fromProto(p.getResource()), fromProto(p.getOperation()),
                p.getRemovedList().stream().map(SharedShapesMapper::objectId).toList(),
                resources(p.getAddedList()));
    }
}
