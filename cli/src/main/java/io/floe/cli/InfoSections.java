package io.floe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.cli.client.GatewayInfo;

/**
 * The human text of {@code floe info epoch|storage|size|price}: the same numbers as the JSON sections of
 * {@link WalrusInfo} (read from them, so the two forms cannot disagree), one {@code label: value} line each.
 */
final class InfoSections {
    private InfoSections() {
    }

    static String epoch(GatewayInfo info) {
        JsonNode epoch = new WalrusInfo(info).epochInfo();
        JsonNode start = epoch.path("startOfCurrentEpoch");
        StringBuilder sb = line(new StringBuilder(), "epoch", epoch.path("currentEpoch").asText());
        info.epochDetails().ifPresent(d -> line(sb, "epoch state", d.epochState()));
        line(sb, "epoch start", start.has("DateTime") ? start.get("DateTime").asText() : start.path("Message").asText());
        info.epochDetails().ifPresent(d -> line(sb, "epoch duration", InfoCommand.duration(d.epochDuration())));
        if (info.maxEpochsAhead().isPresent()) {
            line(sb, "max epochs ahead", Integer.toString(info.maxEpochsAhead().getAsInt()));
        }
        return sb.toString();
    }

    static String storage(GatewayInfo info) {
        long up = info.nodes().stream().filter(GatewayInfo.Node::up).count();
        return line(line(new StringBuilder(), "shards", Integer.toString(info.nShards())), "nodes",
            info.nodes().size() + " (" + up + " up)").toString();
    }

    static String size(GatewayInfo info) {
        JsonNode size = new WalrusInfo(info).sizeInfo();
        StringBuilder sb = line(new StringBuilder(), "storage unit",
            BlobIdCommand.bytes(size.path("storageUnitSize").asLong()));
        line(sb, "max blob size", BlobIdCommand.bytes(size.path("maxBlobSize").asLong()));
        return line(sb, "max quilt patch", BlobIdCommand.bytes(size.path("maxBlobSizeInQuilt").asLong())).toString();
    }

    /** Prices and Walrus's example costs; only called when the gateway publishes prices. */
    static String price(GatewayInfo info) {
        JsonNode price = new WalrusInfo(info).priceInfo();
        StringBuilder sb = line(new StringBuilder(), "storage price",
            price.path("storagePricePerUnitSize").asText() + " FROST per unit per epoch");
        line(sb, "write price", price.path("writePricePerUnitSize").asText() + " FROST per unit");
        for (JsonNode encoding : price.path("encodingDependentPriceInfo")) {
            line(sb, "metadata price", encoding.path("metadataPrice").asText() + " FROST per epoch ("
                + encoding.path("encodingType").asText() + ")");
            line(sb, "marginal price", encoding.path("marginalPrice").asText() + " FROST per "
                + BlobIdCommand.bytes(encoding.path("marginalSize").asLong()) + " per epoch");
            for (JsonNode example : encoding.path("exampleBlobs")) {
                line(sb, "example", BlobIdCommand.bytes(example.path("unencodedSize").asLong()) + " unencoded ("
                    + BlobIdCommand.bytes(example.path("encodedSize").asLong()) + " encoded): "
                    + example.path("price").asText() + " FROST per epoch");
            }
        }
        return sb.toString();
    }

    // Labels padded to one column, as the summary of plain 'floe info'.
    private static StringBuilder line(StringBuilder sb, String label, String value) {
        return sb.append(String.format("%-17s %s%n", label + ":", value));
    }
}
