package io.floe.actors.serialization;

import static io.floe.actors.serialization.SharedShapesMapper.bytes;
import static io.floe.actors.serialization.SharedShapesMapper.objectId;

import com.google.protobuf.ByteString;
import io.floe.actors.ledger.AccountBook;
import io.floe.actors.ledger.LedgerState;
import io.floe.actors.ledger.RequestMemo;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.ResourceOperation;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.proto.FloeBlobProto;
import io.floe.protocol.proto.FloeLedgerProto;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Protobuf mapping of the shapes the ledger's account messages and state carry: storage resources, signed requests,
 * remembered answers and the {@link AccountBook} in a snapshot.
 *
 * <p>Invariant: the one place each of these shapes is mapped in {@code floe_ledger.proto}; fields absent in records
 * from before accounts read as an empty book, no allocation, no object.
 */
final class AccountShapesMapper {
    private AccountShapesMapper() {
    }

    static FloeBlobProto.StorageResource toProto(StorageResource r) {
        return ObjectShapesMapper.toProto(r);
    }

    static StorageResource fromProto(FloeBlobProto.StorageResource p) {
        return ObjectShapesMapper.fromProto(p);
    }

    static List<StorageResource> resources(List<FloeBlobProto.StorageResource> list) {
        return list.stream().map(AccountShapesMapper::fromProto).toList();
    }

    static List<FloeBlobProto.StorageResource> resourcesToProto(List<StorageResource> list) {
        return list.stream().map(AccountShapesMapper::toProto).toList();
    }

    static FloeBlobProto.SignedClientRequest toProto(SignedRequest r) {
        return ObjectShapesMapper.toProto(r);
    }

    static SignedRequest fromProto(FloeBlobProto.SignedClientRequest p) {
        return ObjectShapesMapper.fromProto(p);
    }

    static FloeLedgerProto.ResourceOperation toProto(ResourceOperation op) {
        return switch (op) {
            case REGISTER_FROM_SCRATCH -> FloeLedgerProto.ResourceOperation.RESOURCE_OPERATION_REGISTER_FROM_SCRATCH;
            case REUSE_STORAGE -> FloeLedgerProto.ResourceOperation.RESOURCE_OPERATION_REUSE_STORAGE;
            case REUSE_AND_EXTEND -> FloeLedgerProto.ResourceOperation.RESOURCE_OPERATION_REUSE_AND_EXTEND;
            case REUSE_REGISTRATION -> FloeLedgerProto.ResourceOperation.RESOURCE_OPERATION_REUSE_REGISTRATION;
        };
    }

    static ResourceOperation fromProto(FloeLedgerProto.ResourceOperation op) {
        return switch (op) {
            case RESOURCE_OPERATION_REGISTER_FROM_SCRATCH -> ResourceOperation.REGISTER_FROM_SCRATCH;
            case RESOURCE_OPERATION_REUSE_STORAGE -> ResourceOperation.REUSE_STORAGE;
            case RESOURCE_OPERATION_REUSE_AND_EXTEND -> ResourceOperation.REUSE_AND_EXTEND;
            case RESOURCE_OPERATION_REUSE_REGISTRATION -> ResourceOperation.REUSE_REGISTRATION;
            default -> throw new IllegalArgumentException("unknown resource operation " + op);
        };
    }

    /** An optional object ID's wire form: empty bytes for none. */
    static ByteString toProto(Optional<ObjectId> id) {
        return id.map(SharedShapesMapper::bytes).orElse(ByteString.EMPTY);
    }

    static Optional<ObjectId> optionalObject(ByteString bytes) {
        return bytes.isEmpty() ? Optional.empty() : Optional.of(objectId(bytes));
    }

    static FloeLedgerProto.RequestAnswer toProto(RequestMemo.Answer a) {
        FloeLedgerProto.RequestAnswer.Builder b = FloeLedgerProto.RequestAnswer.newBuilder().setDigest(a.digest())
                .setExpiresAtMillis(a.expiresAtMillis()).setOperation(a.operation()).setAmount(a.amount())
                .setBalanceAfter(a.balanceAfter()).setEpoch(a.epoch().value()).setObjectId(toProto(a.object()))
                .setPayer(a.payer()).setRefunded(a.refunded());
        a.stake().ifPresent(s -> b.setStake(LedgerShapesMapper.toProto(s)));
        return b.build();
    }

    static RequestMemo.Answer fromProto(FloeLedgerProto.RequestAnswer p) {
        return new RequestMemo.Answer(p.getDigest(), p.getExpiresAtMillis(), p.getOperation(), p.getAmount(),
                p.getBalanceAfter(), new Epoch(p.getEpoch()),
                p.hasStake() ? Optional.of(LedgerShapesMapper.fromProto(p.getStake())) : Optional.empty(),
                optionalObject(p.getObjectId()), p.getPayer(), p.getRefunded());
    }

    /** A charge record's allocation fields. */
    static void allocationToProto(FloeLedgerProto.ChargeRecord.Builder b, LedgerState.Charge c) {
        c.allocation().ifPresent(a -> b.setResource(toProto(a.resource())).setOperation(toProto(a.operation())));
    }

    static LedgerState.Charge charge(FloeLedgerProto.ChargeRecord c) {
        Optional<LedgerState.Allocation> allocation = c.hasResource()
                ? Optional.of(new LedgerState.Allocation(fromProto(c.getResource()), fromProto(c.getOperation())))
                : Optional.empty();
        return new LedgerState.Charge(c.getAccount(), c.getCost(), c.getBalanceAfter(), new Epoch(c.getEpoch()),
                allocation);
    }

    /** The account book's fields of a snapshot. */
    static void bookToProto(FloeLedgerProto.LedgerState.Builder b, AccountBook book) {
        book.freeStorage().forEach((account, list) -> b.addFreeStorage(FloeLedgerProto.FreeStorage.newBuilder()
                .setAccount(account).addAllResources(resourcesToProto(list))));
        book.sharedFunds().forEach((id, funds) -> b.addSharedFunds(FloeLedgerProto.SharedFunds.newBuilder()
                .setObjectId(bytes(id)).setFunds(funds)));
        book.answered().answers().forEach((key, a) -> b.addAnswered(FloeLedgerProto.AnsweredRequest.newBuilder()
                .setKey(key).setAnswer(toProto(a))));
        b.setExtensionFund(book.extensionFund());
    }

    static AccountBook book(FloeLedgerProto.LedgerState p) {
        Map<String, List<StorageResource>> free = new TreeMap<>();
        p.getFreeStorageList().forEach(f -> free.put(f.getAccount(), resources(f.getResourcesList())));
        Map<ObjectId, Long> shared = new HashMap<>();
        p.getSharedFundsList().forEach(f -> shared.put(objectId(f.getObjectId()), f.getFunds()));
        Map<String, RequestMemo.Answer> answered = new LinkedHashMap<>();
        p.getAnsweredList().forEach(a -> answered.put(a.getKey(), fromProto(a.getAnswer())));
        return new AccountBook(free, shared, p.getExtensionFund(), RequestMemo.of(answered));
    }
}
