package io.floe.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayInfo;
import io.floe.encoding.EncodingException;
import io.floe.protocol.blob.StorageCost;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a store will register, worked out locally before anything is sent: the blob ID and length (computed as
 * {@code floe blob-id} does, with the network's shard count), how many epochs ahead ({@code --epochs N|max} or
 * {@code --end-epoch}), the encoded size and, when the gateway publishes its prices, the cost of buying the storage
 * from scratch (a reused resource costs less; the gateway's answer says what was paid).
 */
record StorePlan(BlobIdCommand.LocalBlob blob, int epochs, long encodedSize, OptionalLong cost) {
    static final String EPOCHS = "--epochs";
    static final String END_EPOCH = "--end-epoch";
    static final String MAX = "max";

    /** The plan for {@code file} on the network {@code info} describes. */
    static StorePlan of(String file, Arguments parsed, GatewayInfo info) {
        int epochs = epochs(parsed, info);
        BlobIdCommand.LocalBlob blob = new BlobIdCommand().compute(file, info.nShards());
        long encoded;
        try {
            encoded = StorageCost.encodedLength(blob.unencodedLength(), info.nShards());
        } catch (EncodingException e) {
            throw new CommandFailedException(e.getMessage());
        }
        OptionalLong cost = info.storagePricePerUnit().isPresent() && info.writePricePerUnit().isPresent()
            ? OptionalLong.of(StorageCost.cost(encoded, epochs, info.storagePricePerUnit().getAsLong(),
                info.writePricePerUnit().getAsLong()))
            : OptionalLong.empty();
        return new StorePlan(blob, epochs, encoded, cost);
    }

    /** Checks the epoch options alone, before any request: a bad one is a usage error. */
    static void checkOptions(Arguments parsed) {
        if (parsed.value(EPOCHS).isPresent() && parsed.value(END_EPOCH).isPresent()) {
            throw new UsageException(EPOCHS + " and " + END_EPOCH + " exclude each other");
        }
        if (!parsed.value(EPOCHS).map(MAX::equals).orElse(false)) {
            int epochs = parsed.intValue(EPOCHS, StoreCommand.DEFAULT_EPOCHS);
            if (epochs < 1) {
                throw new UsageException(EPOCHS + " needs a number of epochs >= 1 or 'max', got " + epochs);
            }
        }
        parsed.intValue(END_EPOCH, 0);
    }

    /** The epochs ahead the options ask for: N, the most allowed ({@code max}), or up to {@code --end-epoch}. */
    static int epochs(Arguments parsed, GatewayInfo info) {
        Optional<String> epochs = parsed.value(EPOCHS);
        if (epochs.map(MAX::equals).orElse(false)) {
            return info.maxEpochsAhead().orElseThrow(() -> new CommandFailedException(
                "the gateway does not say how far ahead storage can be bought; give " + EPOCHS + " N"));
        }
        if (parsed.value(END_EPOCH).isPresent()) {
            int end = parsed.intValue(END_EPOCH, 0);
            int current = info.epoch().value();
            if (end <= current) {
                throw new CommandFailedException(END_EPOCH + " " + end + " is not after the current epoch " + current);
            }
            return end - current;
        }
        return parsed.intValue(EPOCHS, StoreCommand.DEFAULT_EPOCHS);
    }

    /** The dry run's line, in the words of {@code walrus store --dry-run}. */
    String describe(String file) {
        return "Dry run of " + file + ": blob ID " + blob.blobId() + ", " + BlobIdCommand.bytes(blob.unencodedLength())
            + " (encoded size " + BlobIdCommand.bytes(encodedSize) + "), " + epochs + " epoch(s), cost "
            + (cost.isPresent() ? cost.getAsLong() + " FROST" : "unknown (the gateway publishes no prices)")
            + "; nothing was stored";
    }

    /** The dry run as Walrus's {@code DryRunOutput} names its fields, plus the epochs. */
    ObjectNode json(String file) {
        var root = CliJson.object().put("path", file).put("blobId", blob.blobId().toString())
            .put("unencodedSize", blob.unencodedLength()).put("encodedSize", encodedSize)
            .put("epochs", epochs);
        if (cost.isPresent()) {
            root.put("storageCost", cost.getAsLong());
        } else {
            root.putNull("storageCost");
        }
        return root.put("encodingType", WalrusInfo.ENCODING_TYPE);
    }
}
