package io.floe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayInfo;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.blob.StorageCost;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code floe info --json} in the shapes of the {@code walrus} CLI's {@code InfoOutput} and its parts
 * ({@code crates/walrus-service/src/client/responses.rs}): {@code epochInfo}, {@code storageInfo}, {@code sizeInfo},
 * {@code priceInfo} (with {@code encodingDependentPriceInfo} for RS2, the one encoding both speak) and
 * {@code committeeInfo}. The gateway's {@code /status} gives the epoch, shard count, prices and committees; the sizes
 * and example prices are computed here from the shard count exactly as Walrus computes them, so every number is a
 * pure function of what the gateway said.
 */
final class WalrusInfo {
    /** Walrus's {@code EncodingType} as serde names it; Floe encodes RS2 only. */
    static final String ENCODING_TYPE = "RS2";
    /** Walrus's {@code BlobHeaderV1::MAX_SERIALIZED_BLOB_SIZE} ({@code u32::MAX}): the largest patch of a quilt. */
    static final long MAX_BLOB_SIZE_IN_QUILT = 0xFFFF_FFFFL;
    private static final long MIB = 1024 * 1024;

    private final GatewayInfo info;
    private final EncodingConfig config;
    private final JsonNode answer;

    WalrusInfo(GatewayInfo info) {
        this.info = info;
        this.config = new EncodingConfig(info.nShards());
        try {
            this.answer = CliJson.tree(info.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the gateway's answer was JSON when it was read", e);
        }
    }

    /** Walrus's {@code InfoOutput} without the committee (as plain {@code walrus info}), or with it ({@code all}). */
    ObjectNode all(boolean withCommittee) {
        ObjectNode root = CliJson.object();
        root.set("epochInfo", epochInfo());
        root.set("storageInfo", storageInfo());
        root.set("sizeInfo", sizeInfo());
        if (info.storagePricePerUnit().isPresent() && info.writePricePerUnit().isPresent()) {
            root.set("priceInfo", priceInfo());
        }
        if (withCommittee) {
            root.set("committeeInfo", committeeInfo());
        }
        return root;
    }

    /** {@code InfoEpochOutput}: the start as serde writes {@code EpochTimeOrMessage}, the duration as a Rust one. */
    ObjectNode epochInfo() {
        ObjectNode epoch = CliJson.object().put("currentEpoch", info.epoch().value());
        ObjectNode start = epoch.putObject("startOfCurrentEpoch");
        info.epochDetails().ifPresentOrElse(d -> {
            if (d.epochState().startsWith("EpochChangeSync")) {
                // Walrus has no start while the change runs and says so, with the earliest end of the new epoch.
                start.put("Message", "Epoch change is currently in progress... Earliest epoch end time is "
                    + Instant.now().plus(d.epochDuration()));
            } else {
                start.put("DateTime", dateTime(d.startOfCurrentEpoch()));
            }
        }, () -> start.put("Message", "the gateway does not say when the epoch started"));
        Duration duration = info.epochDetails().map(GatewayInfo.EpochDetails::epochDuration).orElse(Duration.ZERO);
        epoch.putObject("epochDuration").put("secs", duration.getSeconds()).put("nanos", duration.getNano());
        // The gateway sends it at the top and inside epochInfo; either will do.
        JsonNode inEpochInfo = answer.path("epochInfo").path("maxEpochsAhead");
        if (info.maxEpochsAhead().isPresent()) {
            epoch.put("maxEpochsAhead", info.maxEpochsAhead().getAsInt());
        } else if (inEpochInfo.canConvertToInt()) {
            epoch.put("maxEpochsAhead", inEpochInfo.intValue());
        } else {
            epoch.putNull("maxEpochsAhead");
        }
        return epoch;
    }

    /** {@code InfoStorageOutput}. */
    ObjectNode storageInfo() {
        return CliJson.object().put("nShards", info.nShards()).put("nNodes", info.nodes().size());
    }

    /** {@code InfoSizeOutput}. */
    ObjectNode sizeInfo() {
        return CliJson.object().put("storageUnitSize", StorageCost.BYTES_PER_UNIT)
            .put("maxBlobSize", config.maxBlobSize()).put("maxBlobSizeInQuilt", MAX_BLOB_SIZE_IN_QUILT);
    }

    /** {@code InfoPriceOutput}; only called when the gateway publishes both prices. */
    ObjectNode priceInfo() {
        long storagePrice = info.storagePricePerUnit().orElseThrow();
        ObjectNode price = CliJson.object().put("storagePricePerUnitSize", storagePrice)
            .put("writePricePerUnitSize", info.writePricePerUnit().orElseThrow());
        price.putArray("encodingDependentPriceInfo").add(encodingDependentPriceInfo(storagePrice));
        return price;
    }

    /** Walrus's {@code EncodingDependentPriceInfo::new}: a marginal MiB (or less), the metadata and three examples. */
    private ObjectNode encodingDependentPriceInfo(long storagePrice) {
        long max = config.maxBlobSize();
        long marginalSize = MIB;
        while (marginalSize > max) {
            marginalSize /= 4;
        }
        int n = info.nShards();
        long metadataSize = n * StorageCost.metadataLength(n);
        ObjectNode node = CliJson.object().put("marginalSize", marginalSize)
            .put("metadataPrice", StorageCost.storageUnits(metadataSize) * storagePrice)
            .put("marginalPrice", StorageCost.storageUnits(StorageCost.encodedSliversLength(marginalSize, n))
                * storagePrice);
        long example0 = Long.highestOneBit(max) == max ? max / 1024 : Long.highestOneBit(max) * 2 / 1024;
        ArrayNode examples = node.putArray("exampleBlobs");
        for (long size : new long[] {example0, example0 * 32, max}) {
            long encoded = StorageCost.encodedLength(size, n);
            examples.addObject().put("unencodedSize", size).put("encodedSize", encoded)
                .put("price", StorageCost.storageUnits(encoded) * storagePrice).put("encodingType", ENCODING_TYPE);
        }
        return node.put("encodingType", ENCODING_TYPE);
    }

    /**
     * {@code InfoCommitteeOutput}: the code's dimensions computed here, the node lists as the gateway sent them in
     * Walrus's {@code StorageNodeInfo} names (or built from its plain node list when it sent none).
     */
    ObjectNode committeeInfo() {
        int n = info.nShards();
        long maxBlob = config.maxBlobSize();
        ObjectNode committee = CliJson.object().put("nShards", n)
            .put("nPrimarySourceSymbols", config.primarySourceSymbols())
            .put("nSecondarySourceSymbols", config.secondarySourceSymbols())
            .put("maxSliverSize", (long) config.secondarySourceSymbols() * EncodingConfig.MAX_SYMBOL_SIZE)
            .put("metadataStorageSize", n * StorageCost.metadataLength(n))
            .put("maxEncodedBlobSize", StorageCost.encodedLength(maxBlob, n));
        JsonNode sent = answer.path("committeeInfo");
        committee.set("currentStorageNodes", sent.path("currentStorageNodes").isArray()
            ? sent.get("currentStorageNodes").deepCopy() : storageNodes());
        committee.set("nextStorageNodes", sent.path("nextStorageNodes").isArray()
            ? sent.get("nextStorageNodes").deepCopy() : CliJson.array());
        return committee;
    }

    private ArrayNode storageNodes() {
        ArrayNode nodes = CliJson.array();
        for (GatewayInfo.Node node : info.nodes()) {
            ObjectNode entry = nodes.addObject().put("name", node.id().value()).put("nodeId", node.id().value())
                .put("networkAddress", node.url()).put("publicKey", node.publicKey())
                .put("nShards", node.shards().size());
            ArrayNode shards = entry.putArray("shardIds");
            node.shards().forEach(s -> shards.add(s.value()));
            entry.put("stake", node.stake());
        }
        return nodes;
    }

    // chrono serialises a DateTime<Utc> as RFC 3339; the gateway's ISO-8601 instant is that already.
    private static String dateTime(String sent) {
        try {
            return Instant.parse(sent).toString();
        } catch (DateTimeParseException e) {
            return sent;
        }
    }
}
