package io.floe.actors.blob;

import static io.floe.protocol.account.RequestRefusedException.Reason.MALFORMED;
import static io.floe.protocol.account.RequestRefusedException.Reason.NOT_OWNER;

import com.google.protobuf.ByteString;
import io.floe.actors.blob.BlobEntity.Event;
import io.floe.actors.blob.BlobEntity.State;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.proto.FloeAccountProto.ExtendBlobOp;
import io.floe.protocol.proto.FloeAccountProto.RemoveAttributesOp;
import io.floe.protocol.proto.FloeAccountProto.SetAttributesOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules of Walrus's {@code blob.move} and {@code shared_blob.move} for one Blob entity's objects: who may do what
 * to a registration, and which events a verified request persists. Pure: the same state, request, epoch and payment
 * always give the same plan or the same {@link ObjectRefusal}.
 *
 * <p>Invariants: only a registration of this blob that is neither deleted nor burned is acted on; every operation but
 * an extension of a shared object needs the signer to own it, and a shared object is owned by nobody; an extension
 * needs a certified registration active in the current epoch (its end epoch after it) and a payment; a deletion needs
 * a deletable, active one.
 */
final class ObjectRules {
    /** Walrus's metadata limits as Floe keeps them (README "Limits"). */
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_KEY_BYTES = 256;
    static final int MAX_VALUE_BYTES = 4096;

    private ObjectRules() {
    }

    /**
     * What an applied request does: the objects it acts on (first the one a check answers), its events, and the
     * storage a deletion frees.
     */
    record Plan(List<ObjectId> objects, List<Event> events, Optional<StorageResource> released) {
        Plan {
            objects = List.copyOf(objects);
            events = List.copyOf(events);
        }

        static Plan of(ObjectId objectId, Event event) {
            return new Plan(List.of(objectId), List.of(event), Optional.empty());
        }
    }

    /**
     * The plan of {@code request} in {@code epoch}; {@code paid} is what the ledger charged for it, empty when only
     * checking (then an extension is judged without its payment).
     *
     * @throws ObjectRefusal when the request may not be carried out
     */
    static Plan plan(State state, VerifiedRequest request, Epoch epoch, OptionalLong paid) {
        ClientRequest r = request.request();
        String signer = request.account().value();
        String key = request.key();
        switch (r.getOperationCase()) {
            case EXTEND_BLOB:
                return extend(state, r.getExtendBlob(), signer, epoch, paid, key);
            case DELETE_BLOB:
                return delete(state, owned(state, r.getDeleteBlob().getObjectId(), signer), epoch, key);
            case BURN_BLOBS:
                return burn(state, r.getBurnBlobs().getObjectIdsList(), signer, key);
            case SHARE_BLOB:
                return Plan.of(owned(state, r.getShareBlob().getObjectId(), signer).objectId(),
                        new ObjectCommands.Shared(objectId(r.getShareBlob().getObjectId()), key));
            case SET_ATTRIBUTES:
                return setAttributes(state, r.getSetAttributes(), signer, key);
            case REMOVE_ATTRIBUTES:
                return removeAttributes(state, r.getRemoveAttributes(), signer, key);
            case SEND_OBJECT:
                Registration sent = owned(state, r.getSendObject().getObjectId(), signer);
                return Plan.of(sent.objectId(), new ObjectCommands.OwnerChanged(sent.objectId(),
                        address(r.getSendObject().getTo()), key));
            default:
                throw new ObjectRefusal(MALFORMED, operationName(r) + " is not an operation on a blob object");
        }
    }

    /**
     * The registration {@code request} would act on, checked as {@link #plan} checks it (without a payment); a
     * {@code fund_shared_blob} needs a shared object and a positive amount.
     *
     * @throws ObjectRefusal when the request may not be carried out
     */
    static Registration check(State state, VerifiedRequest request, Epoch epoch) {
        ClientRequest r = request.request();
        if (r.getOperationCase() == ClientRequest.OperationCase.FUND_SHARED_BLOB) {
            Registration funded = live(state, r.getFundSharedBlob().getObjectId());
            if (!funded.shared()) {
                throw new ObjectRefusal(ObjectRefusal.NOT_FOUND, funded.objectId() + " is not a shared blob");
            }
            if (r.getFundSharedBlob().getAmount() <= 0) {
                throw new ObjectRefusal(MALFORMED, "the amount to fund is > 0: " + r.getFundSharedBlob().getAmount());
            }
            return funded;
        }
        Plan plan = plan(state, request, epoch, OptionalLong.empty());
        return state.registration(plan.objects().get(0)).orElseThrow();
    }

    private static Plan extend(State state, ExtendBlobOp op, String signer, Epoch epoch, OptionalLong paid,
                               String key) {
        Registration reg = live(state, op.getObjectId());
        if (!reg.shared()) {
            requireOwner(reg, signer);
        }
        if (!reg.certified()) {
            throw new ObjectRefusal(ObjectRefusal.NOT_CERTIFIED, reg.objectId() + " is not certified yet");
        }
        requireActive(reg, epoch);
        if (op.getEpochsExtended() < 1) {
            throw new ObjectRefusal(MALFORMED, "epochs_extended is >= 1: " + op.getEpochsExtended());
        }
        if (paid.isPresent()) {
            requirePaid(reg, paid.getAsLong());
        }
        Epoch newEnd = new Epoch(Math.addExact(reg.endEpoch().value(), op.getEpochsExtended()));
        return Plan.of(reg.objectId(), new ObjectCommands.Extended(reg.objectId(), newEnd, key));
    }

    /** An extension reaches the entity after the ledger charged it; only storage of no unit costs nothing. */
    private static void requirePaid(Registration reg, long paid) {
        if (paid < 0 || paid == 0 && StorageCost.storageUnits(reg.storage().size()) > 0) {
            throw new ObjectRefusal(MALFORMED, "the extension of " + reg.objectId() + " was not paid (" + paid + ")");
        }
    }

    private static Plan delete(State state, Registration reg, Epoch epoch, String key) {
        if (!reg.deletable()) {
            throw new ObjectRefusal(ObjectRefusal.NOT_DELETABLE, reg.objectId() + " is permanent");
        }
        requireActive(reg, epoch);
        Optional<Epoch> keptUntil = state.registrations().stream().filter(r -> !r.objectId().equals(reg.objectId()))
                .map(Registration::endEpoch).max(Comparator.naturalOrder());
        return new Plan(List.of(reg.objectId()),
                List.of(new ObjectCommands.Deleted(reg.objectId(), keptUntil, key)), Optional.of(reg.storage()));
    }

    private static Plan burn(State state, List<ByteString> ids, String signer, String key) {
        if (ids.isEmpty()) {
            throw new ObjectRefusal(MALFORMED, "burn_blobs names no object");
        }
        Set<ObjectId> burned = new LinkedHashSet<>();
        for (ByteString id : ids) {
            burned.add(owned(state, id, signer).objectId());
        }
        return new Plan(List.copyOf(burned), List.of(new ObjectCommands.Burned(List.copyOf(burned), key)),
                Optional.empty());
    }

    private static Plan setAttributes(State state, SetAttributesOp op, String signer, String key) {
        Registration reg = owned(state, op.getObjectId(), signer);
        if (op.getAttributesMap().isEmpty()) {
            throw new ObjectRefusal(MALFORMED, "set_attributes names no attribute");
        }
        op.getAttributesMap().forEach(ObjectRules::requireAttribute);
        Map<String, String> all = new TreeMap<>(reg.attributes());
        all.putAll(op.getAttributesMap());
        if (all.size() > MAX_ATTRIBUTES) {
            throw new ObjectRefusal(MALFORMED, "an object has at most " + MAX_ATTRIBUTES + " attributes, this would"
                    + " have " + all.size());
        }
        return Plan.of(reg.objectId(), new ObjectCommands.AttributesChanged(reg.objectId(), all, key));
    }

    private static void requireAttribute(String name, String value) {
        int keyBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int valueBytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (keyBytes == 0 || keyBytes > MAX_KEY_BYTES || valueBytes == 0 || valueBytes > MAX_VALUE_BYTES) {
            throw new ObjectRefusal(MALFORMED, "an attribute has a key of 1.." + MAX_KEY_BYTES + " bytes and a value"
                    + " of 1.." + MAX_VALUE_BYTES + " bytes: '" + name + "' has " + keyBytes + " and " + valueBytes);
        }
    }

    private static Plan removeAttributes(State state, RemoveAttributesOp op, String signer, String key) {
        Registration reg = owned(state, op.getObjectId(), signer);
        if (!op.getAll() && op.getKeysList().isEmpty()) {
            throw new ObjectRefusal(MALFORMED, "remove_attributes names no key and not all");
        }
        if (reg.attributes().isEmpty()) {
            throw new ObjectRefusal(ObjectRefusal.NO_ATTRIBUTES, reg.objectId() + " has no attributes");
        }
        Map<String, String> left = new TreeMap<>(reg.attributes());
        if (op.getAll()) {
            left.clear();
        } else {
            op.getKeysList().forEach(left::remove);
        }
        return Plan.of(reg.objectId(), new ObjectCommands.AttributesChanged(reg.objectId(), left, key));
    }

    /** A registration of this blob that was neither deleted nor burned. */
    private static Registration live(State state, ByteString id) {
        ObjectId objectId = objectId(id);
        Optional<Registration> reg = state.registration(objectId);
        if (reg.isEmpty()) {
            throw new ObjectRefusal(ObjectRefusal.NOT_FOUND, objectId + (state.objects().wasDeleted(objectId)
                    ? " was deleted" : " is not an object of this blob"));
        }
        if (reg.get().burned()) {
            throw new ObjectRefusal(ObjectRefusal.NOT_FOUND, objectId + " was burned");
        }
        return reg.get();
    }

    /** A live registration that {@code signer} owns: not shared (a shared object is owned by nobody). */
    private static Registration owned(State state, ByteString id, String signer) {
        Registration reg = live(state, id);
        if (reg.shared()) {
            throw new ObjectRefusal(NOT_OWNER, reg.objectId() + " is shared: nobody owns it");
        }
        requireOwner(reg, signer);
        return reg;
    }

    private static void requireOwner(Registration reg, String signer) {
        if (!reg.owner().equals(signer)) {
            throw new ObjectRefusal(NOT_OWNER, reg.objectId() + " is not owned by " + signer);
        }
    }

    private static void requireActive(Registration reg, Epoch epoch) {
        if (!reg.activeIn(epoch)) {
            throw new ObjectRefusal(ObjectRefusal.EXPIRED_BLOB, reg.objectId() + " ended with epoch "
                    + reg.endEpoch() + "; the current epoch is " + epoch);
        }
    }

    private static ObjectId objectId(ByteString bytes) {
        try {
            return ObjectId.of(bytes.toByteArray());
        } catch (IllegalArgumentException e) {
            throw new ObjectRefusal(MALFORMED, "an object ID has 32 bytes, not " + bytes.size());
        }
    }

    private static String address(String text) {
        try {
            return Address.parse(text).value();
        } catch (IllegalArgumentException e) {
            throw new ObjectRefusal(MALFORMED, e.getMessage());
        }
    }

    private static String operationName(ClientRequest r) {
        return r.getOperationCase().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The registrations of {@code objects} after {@code plan}: as they are in {@code after}, a deleted or burned
     * one as it was in {@code before}. */
    static List<Registration> acted(Plan plan, State before, State after) {
        List<Registration> acted = new ArrayList<>(plan.objects().size());
        for (ObjectId id : plan.objects()) {
            acted.add(after.registration(id).filter(r -> !r.burned())
                    .orElseGet(() -> before.registration(id).orElseThrow()));
        }
        return acted;
    }
}
