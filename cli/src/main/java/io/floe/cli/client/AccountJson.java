package io.floe.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.protocol.blob.ObjectId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the gateway's account answers (receipts, accounts, objects, the faucet) with {@link GatewayJson}'s checks:
 * a missing or mistyped field is a {@link GatewayException.BadAnswer} naming its path. Floe's extensions that a
 * gateway may leave out ({@code owner}, {@code shared}, {@code attributes}) read as absent, false and empty.
 */
final class AccountJson {
    private final GatewayJson json;

    AccountJson(GatewayJson json) {
        this.json = json;
    }

    Receipt receipt(JsonNode root) {
        JsonNode r = json.object(root, "receipt", "receipt");
        List<BlobObject> objects = new ArrayList<>();
        JsonNode list = r.path("objects");
        for (int i = 0; i < list.size(); i++) {
            objects.add(blobObject(list.get(i), "receipt.objects[" + i + "]."));
        }
        JsonNode returned = r.path("returnedStorage");
        return new Receipt(r.path("requestId").asText(""), r.path("account").asText(""),
            json.text(r, "operation", "receipt.operation"), json.number(r, "cost", "receipt.cost"),
            json.optionalNumber(r, "amount"), json.number(r, "balanceAfter", "receipt.balanceAfter"), objects,
            returned.isObject() ? Optional.of(storage(returned, "receipt.returnedStorage.")) : Optional.empty(),
            CliJson.line(root));
    }

    AccountSummary account(JsonNode root) {
        List<BlobObject.Storage> storage = new ArrayList<>();
        JsonNode list = root.path("storage");
        for (int i = 0; i < list.size(); i++) {
            storage.add(storage(list.get(i), "storage[" + i + "]."));
        }
        return new AccountSummary(json.text(root, "address", "address"), json.number(root, "balance", "balance"),
            storage, CliJson.line(root));
    }

    AccountSummary.Funded funded(JsonNode root) {
        return new AccountSummary.Funded(json.text(root, "address", "address"), json.number(root, "amount", "amount"),
            json.number(root, "balance", "balance"), CliJson.line(root));
    }

    ObjectView object(JsonNode root) {
        return new ObjectView(json.blobId(root, "blobId"),
            blobObject(json.object(root, "blobObject", "blobObject"), "blobObject."),
            json.optionalNumber(root, "sharedFunds"), CliJson.line(root));
    }

    BlobObject blobObject(JsonNode node, String at) {
        JsonNode certified = node.path("certifiedEpoch");
        JsonNode owner = node.path("owner");
        return new BlobObject(json.typed(json.text(node, "id", at + "id"), ObjectId::parse, at + "id"),
            json.blobId(node, at + "blobId"), json.number(node, "size", at + "size"),
            certified.isNumber() ? Optional.of(json.epoch(node, "certifiedEpoch", at + "certifiedEpoch"))
                : Optional.empty(),
            storage(json.object(node, "storage", at + "storage"), at + "storage."),
            json.bool(node, "deletable", at + "deletable"),
            owner.isTextual() ? Optional.of(owner.textValue()) : Optional.empty(),
            node.path("shared").asBoolean(false), attributes(node.path("attributes"), at + "attributes"));
    }

    BlobObject.Storage storage(JsonNode node, String at) {
        return new BlobObject.Storage(json.typed(json.text(node, "id", at + "id"), ObjectId::parse, at + "id"),
            json.epoch(node, "startEpoch", at + "startEpoch"), json.epoch(node, "endEpoch", at + "endEpoch"),
            json.number(node, "storageSize", at + "storageSize"));
    }

    private Map<String, String> attributes(JsonNode node, String at) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return attributes;
        }
        if (!node.isObject()) {
            throw json.bad(at + " is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            attributes.put(field.getKey(), json.text(node, field.getKey(), at + "." + field.getKey()));
        }
        return attributes;
    }
}
