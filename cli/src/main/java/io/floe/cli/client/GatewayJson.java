package io.floe.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.tls.TlsFingerprint;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads the gateway's JSON answers into typed results. A missing field or a value of the wrong type or range is a
 * {@link GatewayException.BadAnswer} naming the field's path, never a {@code NullPointerException} later on.
 */
final class GatewayJson {
    private final URI gateway;

    GatewayJson(URI gateway) {
        this.gateway = gateway;
    }

    JsonNode parse(String body) {
        try {
            JsonNode node = CliJson.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw bad("not a JSON object: " + excerpt(body));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw bad("not JSON: " + excerpt(body));
        }
    }

    StoreResult storeResult(JsonNode root) {
        String json = CliJson.line(root);
        if (root.has("newlyCreated")) {
            JsonNode created = root.get("newlyCreated");
            JsonNode blob = object(created, "blobObject", "newlyCreated.blobObject");
            String at = "newlyCreated.blobObject.";
            return new StoreResult.NewlyCreated(blobId(blob, at + "blobId"),
                typed(text(blob, "id", at + "id"), ObjectId::parse, at + "id"),
                number(blob, "size", at + "size"),
                epoch(object(blob, "storage", at + "storage"), "endEpoch", at + "storage.endEpoch"),
                bool(blob, "deletable", at + "deletable"),
                number(created, "cost", "newlyCreated.cost"), json);
        }
        if (root.has("alreadyCertified")) {
            JsonNode certified = root.get("alreadyCertified");
            return new StoreResult.AlreadyCertified(blobId(certified, "alreadyCertified.blobId"),
                epoch(certified, "endEpoch", "alreadyCertified.endEpoch"), json);
        }
        if (root.has("markedInvalid")) {
            return new StoreResult.MarkedInvalid(blobId(root.get("markedInvalid"), "markedInvalid.blobId"), json);
        }
        throw bad("neither newlyCreated nor alreadyCertified: " + excerpt(json));
    }

    BlobStatusReport blobStatus(JsonNode root) {
        String wire = text(root, "status", "status");
        BlobStatusReport.Status status = BlobStatusReport.Status.fromWire(wire)
            .orElseThrow(() -> bad("unknown status '" + wire + "'"));
        List<BlobStatusReport.Registration> registrations = new ArrayList<>();
        JsonNode list = root.path("registrations");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw bad("registrations is not a list");
        }
        for (int i = 0; i < list.size(); i++) {
            registrations.add(registration(list.get(i), "registrations[" + i + "]."));
        }
        return new BlobStatusReport(blobId(root, "blobId"), status, registrations, CliJson.line(root));
    }

    private BlobStatusReport.Registration registration(JsonNode node, String at) {
        JsonNode certified = node.path("certifiedEpoch");
        Optional<Epoch> certifiedEpoch = certified.isMissingNode() || certified.isNull()
            ? Optional.empty() : Optional.of(epoch(node, "certifiedEpoch", at + "certifiedEpoch"));
        JsonNode owner = node.path("owner");
        return new BlobStatusReport.Registration(
            typed(text(node, "objectId", at + "objectId"), ObjectId::parse, at + "objectId"),
            epoch(node, "endEpoch", at + "endEpoch"), bool(node, "deletable", at + "deletable"),
            certifiedEpoch, number(node, "size", at + "size"),
            owner.isTextual() ? Optional.of(owner.textValue()) : Optional.empty(),
            node.path("shared").asBoolean(false), node.path("burned").asBoolean(false));
    }

    GatewayInfo info(JsonNode root) {
        List<GatewayInfo.Node> nodes = new ArrayList<>();
        JsonNode list = root.path("nodes");
        if (!list.isArray()) {
            throw bad("nodes is missing or not a list");
        }
        for (int i = 0; i < list.size(); i++) {
            nodes.add(node(list.get(i), "nodes[" + i + "]."));
        }
        long nShards = number(root, "nShards", "nShards");
        if (nShards < 1 || nShards > Integer.MAX_VALUE) {
            throw bad("nShards out of range: " + nShards);
        }
        return new GatewayInfo(epoch(root, "epoch", "epoch"), (int) nShards, nodes,
            optionalNumber(root, "storagePricePerUnit"), optionalNumber(root, "writePricePerUnit"),
            maxEpochsAhead(root), Optional.ofNullable(root.path("gatewayAccount").textValue()), optionalNumber(root, "gatewayBalance"),
            epochDetails(root), CliJson.line(root));
    }

    private OptionalInt maxEpochsAhead(JsonNode root) {
        OptionalLong value = optionalNumber(root, "maxEpochsAhead");
        if (value.isPresent() && (value.getAsLong() < 1 || value.getAsLong() > Integer.MAX_VALUE)) {
            throw bad("maxEpochsAhead out of range: " + value.getAsLong());
        }
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    /** {@code epochInfo} and {@code committeeInfo}, when the gateway sends them (with epochs, it does). */
    private Optional<GatewayInfo.EpochDetails> epochDetails(JsonNode root) {
        JsonNode info = root.path("epochInfo");
        if (!info.isObject()) {
            return Optional.empty();
        }
        JsonNode duration = object(info, "epochDuration", "epochInfo.epochDuration");
        JsonNode committees = object(root, "committeeInfo", "committeeInfo");
        return Optional.of(new GatewayInfo.EpochDetails(epoch(info, "currentEpoch", "epochInfo.currentEpoch"),
            text(info, "epochState", "epochInfo.epochState"),
            text(info, "startOfCurrentEpoch", "epochInfo.startOfCurrentEpoch"),
            Duration.ofSeconds(number(duration, "secs", "epochInfo.epochDuration.secs"),
                number(duration, "nanos", "epochInfo.epochDuration.nanos")),
            storageNodes(committees, "currentStorageNodes"), storageNodes(committees, "nextStorageNodes")));
    }

    /** A committee list in Walrus's {@code StorageNodeInfo} names. */
    private List<GatewayInfo.Node> storageNodes(JsonNode committees, String field) {
        JsonNode list = committees.path(field);
        List<GatewayInfo.Node> nodes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String at = "committeeInfo." + field + "[" + i + "].";
            nodes.add(new GatewayInfo.Node(typed(text(node, "nodeId", at + "nodeId"), NodeId::new, at + "nodeId"),
                text(node, "networkAddress", at + "networkAddress"), shards(node.path("shardIds"), at + "shardIds"),
                node.path("publicKey").asText(""), number(node, "stake", at + "stake"), node.path("up").asBoolean(true),
                tlsFingerprint(node, at)));
        }
        return nodes;
    }

    /** The answer to a staking call ({@code /v1/staking/*}). */
    StakeResult stakeResult(JsonNode root) {
        List<StakeResult.Stake> stakes = new ArrayList<>();
        JsonNode list = root.path("stakes");
        if (!list.isArray()) {
            throw bad("stakes is missing or not a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode stake = list.get(i);
            String at = "stakes[" + i + "].";
            JsonNode withdraw = stake.path("withdrawEpoch");
            stakes.add(new StakeResult.Stake(number(stake, "id", at + "id"),
                typed(text(stake, "nodeId", at + "nodeId"), NodeId::new, at + "nodeId"),
                number(stake, "principal", at + "principal"), epoch(stake, "activationEpoch", at + "activationEpoch"),
                withdraw.isMissingNode() || withdraw.isNull() ? Optional.empty()
                    : Optional.of(epoch(stake, "withdrawEpoch", at + "withdrawEpoch"))));
        }
        return new StakeResult(stakes, number(root, "amount", "amount"), number(root, "balanceAfter", "balanceAfter"),
            CliJson.line(root));
    }

    private GatewayInfo.Node node(JsonNode node, String at) {
        return new GatewayInfo.Node(typed(text(node, "id", at + "id"), NodeId::new, at + "id"),
            text(node, "url", at + "url"), shards(node.path("shards"), at + "shards"), node.path("publicKey").asText(""),
            number(node, "stake", at + "stake"), bool(node, "up", at + "up"), tlsFingerprint(node, at));
    }

    /** A TLS node's certificate fingerprint; none for a plain-HTTP node (or a gateway older than the field). */
    private Optional<TlsFingerprint> tlsFingerprint(JsonNode node, String at) {
        JsonNode field = node.path("tlsFingerprint");
        return field.isMissingNode() || field.isNull() ? Optional.empty()
            : Optional.of(typed(text(node, "tlsFingerprint", at + "tlsFingerprint"), TlsFingerprint::parse,
                at + "tlsFingerprint"));
    }

    private List<ShardIndex> shards(JsonNode list, String at) {
        if (!list.isArray()) {
            throw bad(at + " is missing or not a list");
        }
        List<ShardIndex> shards = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = at + "[" + i + "]";
            shards.add(typed(number(list, i, path), v -> new ShardIndex(Math.toIntExact(v)), path));
        }
        return shards;
    }

    /**
     * The error an HTTP error status carries: Walrus's error JSON when the body is that (its reason in
     * {@code details[0].reason}; a textual {@code code} from a Floe gateway before Walrus's shape), else the body's text.
     */
    GatewayException.ErrorResponse error(int httpStatus, String body) {
        try {
            JsonNode error = CliJson.MAPPER.readTree(body).path("error");
            String message = error.path("message").asText("");
            if (!message.isEmpty()) {
                String reason = error.path("details").path(0).path("reason").asText("");
                if (reason.isEmpty() && error.path("code").isTextual()) {
                    reason = error.path("code").textValue();
                }
                return new GatewayException.ErrorResponse(httpStatus, reason, error.path("status").asText(""), message);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // Not Walrus's error JSON: fall back to the body as text.
        }
        String text = body.isBlank() ? "the gateway gave no reason" : excerpt(body);
        return new GatewayException.ErrorResponse(httpStatus, "", "", text);
    }

    JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            throw bad(path + " is missing or not an object");
        }
        return node;
    }

    String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (!node.isTextual()) {
            throw bad(path + " is missing or not a string");
        }
        return node.textValue();
    }

    boolean bool(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (!node.isBoolean()) {
            throw bad(path + " is missing or not true/false");
        }
        return node.booleanValue();
    }

    long number(JsonNode parent, String field, String path) {
        return integral(parent.path(field), path);
    }

    private long number(JsonNode array, int index, String path) {
        return integral(array.path(index), path);
    }

    // Walrus sends u64 values as JSON numbers; a decimal string is accepted too, as some serialisers emit those.
    private long integral(JsonNode node, String path) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.textValue());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw bad(path + " is missing or not an integer");
    }

    OptionalLong optionalNumber(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        return node.isMissingNode() || node.isNull() ? OptionalLong.empty() : OptionalLong.of(integral(node, field));
    }

    Epoch epoch(JsonNode parent, String field, String path) {
        return typed(number(parent, field, path), v -> new Epoch(Math.toIntExact(v)), path);
    }

    BlobId blobId(JsonNode parent, String path) {
        return typed(text(parent, "blobId", path), BlobId::parse, path);
    }

    /** {@code value} converted by {@code parse}; a value the domain type rejects is a bad answer, not a crash. */
    <V, T> T typed(V value, Function<V, T> parse, String path) {
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw bad(path + " is invalid: " + e.getMessage());
        }
    }

    GatewayException.BadAnswer bad(String detail) {
        return new GatewayException.BadAnswer(gateway, detail);
    }

    private static String excerpt(String body) {
        String flat = GatewayException.oneLine(body);
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "...";
    }
}
