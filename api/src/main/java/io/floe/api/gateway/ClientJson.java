package io.floe.api.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.json.EventId;
import io.floe.api.json.Json;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.StorageResource;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.LedgerInfo;
import java.util.List;
import java.util.function.Predicate;

/** The client API's JSON answers, in the Walrus publisher's shapes where Walrus has one. */
final class ClientJson {
    private ClientJson() {
    }

    /** {@code {"newlyCreated":{"blobObject":{...},"resourceOperation":{...},"cost":N}}}. */
    static ObjectNode newlyCreated(StoreOutcome.NewlyCreated created) {
        ObjectNode body = Json.object();
        body.set("blobObject", blobObject(created.blobId(), created.registration()));
        body.set("resourceOperation", resourceOperation(created));
        body.put("cost", created.cost());
        ObjectNode root = Json.object();
        root.set("newlyCreated", body);
        return root;
    }

    /**
     * Walrus's {@code Blob} object ({@code id}, {@code registeredEpoch}, {@code blobId}, {@code size},
     * {@code encodingType}, {@code certifiedEpoch}, {@code storage}, {@code deletable}) with Floe's {@code owner},
     * {@code shared}, {@code burned} and {@code attributes} beside them.
     */
    static ObjectNode blobObject(io.floe.encoding.metadata.BlobId blobId, Registration r) {
        ObjectNode blob = Json.object()
                .put("id", r.objectId().toString())
                .put("registeredEpoch", r.registeredEpoch().value())
                .put("blobId", blobId.toString())
                .put("size", r.unencodedLength())
                .put("encodingType", "RS2");
        if (r.certifiedEpoch().isPresent()) {
            blob.put("certifiedEpoch", r.certifiedEpoch().get().value());
        } else {
            blob.putNull("certifiedEpoch");
        }
        blob.set("storage", storage(r.storage()));
        blob.put("deletable", r.deletable()).put("owner", r.owner()).put("shared", r.shared())
                .put("burned", r.burned());
        ObjectNode attributes = blob.putObject("attributes");
        r.attributes().forEach(attributes::put);
        return blob;
    }

    /** Walrus's {@code Storage}: {@code {"id":..,"startEpoch":N,"endEpoch":N,"storageSize":N}}. */
    static ObjectNode storage(StorageResource storage) {
        return Json.object()
                .put("id", storage.id().toString())
                .put("startEpoch", storage.start().value())
                .put("endEpoch", storage.end().value())
                .put("storageSize", storage.size());
    }

    /**
     * Walrus's {@code RegisterBlobOp}: {@code registerFromScratch} ({@code encodedLength}, {@code epochsAhead}),
     * {@code reuseStorage}, {@code reuseRegistration} ({@code encodedLength}) or {@code reuseAndExtend}
     * ({@code encodedLength}, {@code extendedEpochs}).
     */
    private static ObjectNode resourceOperation(StoreOutcome.NewlyCreated created) {
        ObjectNode operation = Json.object();
        ObjectNode details = Json.object().put("encodedLength", created.registration().encodedLength());
        switch (created.operation()) {
            case REUSE_REGISTRATION -> operation.set("reuseRegistration", details);
            case REUSE_STORAGE -> operation.set("reuseStorage", details);
            case REUSE_AND_EXTEND -> operation.set("reuseAndExtend",
                    details.put("extendedEpochs", created.extendedEpochs()));
            default -> operation.set("registerFromScratch", details.put("epochsAhead", created.epochsAhead()));
        }
        return operation;
    }

    /**
     * {@code {"alreadyCertified":{"blobId":..,"event":{...}|"object":"0x..","endEpoch":N,"objectId":"0x.."}}}: Walrus's
     * {@code BlobStoreResult::AlreadyCertified} with its flattened {@code EventOrObjectId}. As Walrus's client decides
     * it, a deletable blob object of the caller's (the only deletable one a store reuses) is named by its object ID,
     * anything else by its certification event ({@link EventId}, the same one the nodes' blob status names).
     * {@code objectId} is Floe's: the registration answered, whichever variant names it.
     */
    static ObjectNode alreadyCertified(StoreOutcome.AlreadyCertified certified) {
        Registration registration = certified.registration();
        ObjectNode body = Json.object().put("blobId", certified.blobId().toString());
        if (registration.deletable()) {
            body.put("object", registration.objectId().toString());
        } else {
            body.set("event", EventId.of(registration).toJson());
        }
        body.put("endEpoch", registration.endEpoch().value());
        body.put("objectId", registration.objectId().toString());
        ObjectNode root = Json.object();
        root.set("alreadyCertified", body);
        return root;
    }

    /**
     * {@code {"receipt":{"requestId":..,"account":..,"operation":..,"cost":N,"amount":N,"balanceAfter":N,
     * "blobId":..?,"objects":[<blobObject>...],"returnedStorage":<storage>?,"stake":<stakeChange>?}}}.
     */
    static ObjectNode receipt(io.floe.api.control.RequestReceipt receipt) {
        int slash = receipt.key().indexOf('/');
        ObjectNode body = Json.object()
                .put("requestId", receipt.key().substring(slash + 1))
                .put("account", slash < 0 ? "" : receipt.key().substring(0, slash))
                .put("operation", receipt.operation())
                .put("cost", receipt.cost())
                .put("amount", receipt.amount())
                .put("balanceAfter", receipt.balanceAfter());
        receipt.blobId().ifPresent(id -> body.put("blobId", id.toString()));
        ArrayNode objects = body.putArray("objects");
        receipt.objects().forEach(r -> objects.add(blobObject(receipt.blobId().orElseThrow(), r)));
        receipt.returned().ifPresent(storage -> body.set("returnedStorage", storage(storage)));
        receipt.stake().ifPresent(change -> body.set("stake", StakingRoutes.stakeChange(change)));
        ObjectNode root = Json.object();
        root.set("receipt", body);
        return root;
    }

    /** {@code {"address":..,"balance":N,"storage":[<storage>...]}}. */
    static ObjectNode account(io.floe.protocol.ledger.AccountInfo account) {
        ObjectNode root = Json.object().put("address", account.account()).put("balance", account.balance());
        ArrayNode storage = root.putArray("storage");
        account.storage().forEach(s -> storage.add(storage(s)));
        return root;
    }

    /**
     * Floe's gateway blob status: registrations (each with its {@link EventId}) and whether one is certified;
     * {@code "invalid"} (whatever the registrations say) once the blob was marked invalid.
     */
    static ObjectNode blobStatus(BlobRecord record) {
        String status = record.invalid() ? "invalid"
                : !record.exists() ? "nonexistent" : record.certified() ? "certified" : "registered";
        ObjectNode root = Json.object().put("blobId", record.blobId().toString()).put("status", status)
                .put("invalid", record.invalid());
        ArrayNode registrations = root.putArray("registrations");
        for (Registration r : record.registrations()) {
            ObjectNode node = registrations.addObject()
                    .put("objectId", r.objectId().toString())
                    .put("size", r.unencodedLength())
                    .put("encodedLength", r.encodedLength())
                    .put("registeredEpoch", r.registeredEpoch().value())
                    .put("endEpoch", r.endEpoch().value())
                    .put("deletable", r.deletable())
                    .put("cost", r.cost())
                    .put("owner", r.owner())
                    .put("shared", r.shared())
                    .put("burned", r.burned());
            node.set("storage", storage(r.storage()));
            node.set("event", EventId.of(r).toJson());
            ObjectNode attributes = node.putObject("attributes");
            r.attributes().forEach(attributes::put);
            if (r.certifiedEpoch().isPresent()) {
                node.put("certifiedEpoch", r.certifiedEpoch().get().value());
            } else {
                node.putNull("certifiedEpoch");
            }
        }
        return root;
    }

    /**
     * {@code GET /status}: the epoch, the committee with each node's shards (and TLS fingerprint), prices and the gateway's balance; and,
     * named as {@code walrus info --json} names them, {@code epochInfo} (current epoch, its start, duration and state)
     * and {@code committeeInfo} (current, and once selected next, storage nodes; previous ones while shards move).
     */
    static ObjectNode status(EpochCommittees epochs, LedgerInfo ledger, Predicate<NodeId> up) {
        Committee committee = epochs.current();
        ObjectNode root = Json.object()
                .put("epoch", committee.epoch().value())
                .put("nShards", committee.nShards());
        ArrayNode nodes = root.putArray("nodes");
        for (StorageNodeInfo m : committee.members()) {
            ObjectNode node = nodes.addObject().put("id", m.id().value()).put("url", m.storageUrl());
            ArrayNode shards = node.putArray("shards");
            committee.shardsOf(m.id()).forEach(s -> shards.add(s.value()));
            node.put("publicKey", m.publicKey().base64())
                    .put("stake", m.stake())
                    .put("up", up.test(m.id()));
            putTlsFingerprint(node, m);
        }
        root.put("storagePricePerUnit", ledger.storagePricePerUnit())
                .put("writePricePerUnit", ledger.writePricePerUnit())
                .put("maxEpochsAhead", ledger.maxEpochsAhead())
                .put("gatewayAccount", ledger.gatewayAccount())
                .put("gatewayBalance", ledger.gatewayBalance());
        root.set("epochInfo", epochInfo(epochs, ledger));
        root.set("committeeInfo", committeeInfo(epochs, up));
        return root;
    }

    /** Walrus's {@code InfoEpochOutput}, plus the epoch state; the duration as Rust serialises one. */
    private static ObjectNode epochInfo(EpochCommittees epochs, LedgerInfo ledger) {
        ObjectNode info = Json.object()
                .put("currentEpoch", epochs.epoch().value())
                .put("startOfCurrentEpoch", epochs.startOfCurrentEpoch().toString());
        info.set("epochDuration", Json.object().put("secs", epochs.epochDuration().getSeconds())
                .put("nanos", epochs.epochDuration().getNano()));
        return info.put("maxEpochsAhead", ledger.maxEpochsAhead())
                .put("epochState", epochs.state().walrusName());
    }

    /** Walrus's {@code InfoCommitteeOutput} node lists; {@code previousStorageNodes} is Floe's, during a change. */
    private static ObjectNode committeeInfo(EpochCommittees epochs, Predicate<NodeId> up) {
        ObjectNode info = Json.object().put("nShards", epochs.current().nShards());
        info.set("currentStorageNodes", storageNodes(epochs.current(), up));
        info.set("nextStorageNodes", epochs.next().map(c -> storageNodes(c, up)).orElseGet(Json::array));
        epochs.previous().ifPresent(c -> info.set("previousStorageNodes", storageNodes(c, up)));
        return info;
    }

    private static ArrayNode storageNodes(Committee committee, Predicate<NodeId> up) {
        ArrayNode nodes = Json.array();
        for (StorageNodeInfo m : committee.members()) {
            List<ShardIndex> shards = committee.shardsOf(m.id());
            ObjectNode node = nodes.addObject()
                    .put("name", m.id().value())
                    .put("nodeId", m.id().value())
                    .put("networkAddress", m.storageUrl())
                    .put("publicKey", m.publicKey().base64())
                    .put("nShards", shards.size());
            ArrayNode ids = node.putArray("shardIds");
            shards.forEach(s -> ids.add(s.value()));
            node.put("stake", m.stake()).put("up", up.test(m.id()));
            putTlsFingerprint(node, m);
        }
        return nodes;
    }

    /**
     * The SHA-256 fingerprint of the node API's certificate as the ledger records it, so that clients outside the
     * cluster (floe health, floe local) can pin it; absent for a plain-HTTP node. An extra field, as {@code up} is:
     * Walrus's {@code StorageNodeInfo} readers ignore it (its TLS key is {@code networkPublicKey}, a key not a
     * certificate digest, so it is not reused).
     */
    private static void putTlsFingerprint(ObjectNode node, StorageNodeInfo m) {
        m.tlsFingerprint().ifPresent(f -> node.put("tlsFingerprint", f.hex()));
    }
}
