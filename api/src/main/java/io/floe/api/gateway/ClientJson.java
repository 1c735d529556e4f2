package io.floe.api.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.json.Json;
import io.floe.encoding.merkle.Blake2b256;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.LedgerInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/** The client API's JSON answers, in the Walrus publisher's shapes where Walrus has one. */
final class ClientJson {
    private ClientJson() {
    }

    /** {@code {"newlyCreated":{"blobObject":{...},"resourceOperation":{...},"cost":N}}}. */
    static ObjectNode newlyCreated(StoreOutcome.NewlyCreated created) {
        Registration r = created.registration();
        ObjectNode blob = Json.object()
                .put("id", r.objectId().toString())
                .put("registeredEpoch", r.registeredEpoch().value())
                .put("blobId", created.blobId().toString())
                .put("size", r.unencodedLength())
                .put("encodingType", "RS2");
        if (r.certifiedEpoch().isPresent()) {
            blob.put("certifiedEpoch", r.certifiedEpoch().get().value());
        } else {
            blob.putNull("certifiedEpoch");
        }
        blob.set("storage", Json.object()
                .put("id", storageId(r.objectId()).toString())
                .put("startEpoch", r.registeredEpoch().value())
                .put("endEpoch", r.endEpoch().value())
                .put("storageSize", r.encodedLength()));
        blob.put("deletable", r.deletable());
        ObjectNode body = Json.object();
        body.set("blobObject", blob);
        body.set("resourceOperation", resourceOperation(created));
        body.put("cost", created.cost());
        ObjectNode root = Json.object();
        root.set("newlyCreated", body);
        return root;
    }

    /**
     * Walrus's {@code RegisterBlobOp}: {@code {"registerFromScratch":{"encodedLength":N,"epochsAhead":E}}} or
     * {@code {"reuseRegistration":{"encodedLength":N}}}.
     */
    private static ObjectNode resourceOperation(StoreOutcome.NewlyCreated created) {
        ObjectNode operation = Json.object();
        long encodedLength = created.registration().encodedLength();
        if (created.operation() == io.floe.protocol.blob.ResourceOperation.REUSE_REGISTRATION) {
            operation.set("reuseRegistration", Json.object().put("encodedLength", encodedLength));
        } else {
            operation.set("registerFromScratch", Json.object().put("encodedLength", encodedLength)
                    .put("epochsAhead", created.epochsAhead()));
        }
        return operation;
    }

    /** {@code {"alreadyCertified":{"blobId":..,"endEpoch":N,"event":{...}}}}. */
    static ObjectNode alreadyCertified(StoreOutcome.AlreadyCertified certified) {
        ObjectNode body = Json.object()
                .put("blobId", certified.blobId().toString())
                .put("endEpoch", certified.registration().endEpoch().value());
        body.set("event", event(certified.registration().objectId()));
        body.put("objectId", certified.registration().objectId().toString());
        ObjectNode root = Json.object();
        root.set("alreadyCertified", body);
        return root;
    }

    /**
     * Walrus names the Sui event of a certification; Floe's ledger is a journal, so the event is named by the
     * registration's object ID (as the digest) and sequence 0.
     */
    private static ObjectNode event(ObjectId objectId) {
        return Json.object().put("txDigest", objectId.toString()).put("eventSeq", "0");
    }

    /** Walrus has a separate Sui object for the storage resource; Floe derives its ID from the blob object's. */
    static ObjectId storageId(ObjectId objectId) {
        return ObjectId.of(Blake2b256.hash("floe-storage".getBytes(StandardCharsets.US_ASCII), objectId.bytes()));
    }

    /**
     * Floe's gateway blob status: registrations and whether one is certified; {@code "invalid"} (whatever the
     * registrations say) once the blob was marked invalid.
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
                    .put("cost", r.cost());
            if (r.certifiedEpoch().isPresent()) {
                node.put("certifiedEpoch", r.certifiedEpoch().get().value());
            } else {
                node.putNull("certifiedEpoch");
            }
        }
        return root;
    }

    /**
     * {@code GET /status}: the epoch, the committee with each node's shards, prices and the gateway's balance; and,
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
        }
        return nodes;
    }
}
