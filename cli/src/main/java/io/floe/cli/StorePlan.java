package io.floe.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayInfo;
import io.floe.encoding.EncodingException;
import io.floe.protocol.blob.StorageCost;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a store will register, worked out locally before anything is sent: the file's blobs (computed as
 * {@code floe blob-id} does, with the network's shard count and the same scratch directory: one blob, or chunks plus
 * a manifest), how many epochs ahead ({@code --epochs N|max} or {@code --end-epoch}), the encoded size and, when the
 * gateway publishes its prices, the cost of buying the storage from scratch (a reused resource or an already
 * certified chunk costs less; the gateway's answers say what was paid). For a chunked file, sizes and cost are the
 * sums over the chunks and the manifest, since each is registered and paid as a blob of its own.
 */
record StorePlan(FileBlobs blobs, int epochs, int nShards, OptionalLong storagePrice, OptionalLong writePrice) {
    static final String EPOCHS = "--epochs";
    static final String END_EPOCH = "--end-epoch";
    static final String MAX = "max";

    /** The plan for {@code file} on the network {@code info} describes. */
    static StorePlan of(String file, Arguments parsed, GatewayInfo info) {
        int epochs = epochs(parsed, info);
        FileBlobs blobs = new BlobIdCommand().compute(file, info.nShards());
        return new StorePlan(blobs, epochs, info.nShards(), info.storagePricePerUnit(), info.writePricePerUnit());
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

    /** The encoded size of every blob the file is stored as (its chunks and its manifest). */
    long encodedSize() {
        long total = blobs.chunked() ? encodedSize(blobs.manifestBytes().length) : 0;
        for (FileBlobs.Chunk chunk : blobs.chunks()) {
            total += encodedSize(chunk.length());
        }
        return total;
    }

    /** The cost of buying storage from scratch for every blob, when the gateway publishes its prices. */
    OptionalLong cost() {
        if (storagePrice.isEmpty() || writePrice.isEmpty()) {
            return OptionalLong.empty();
        }
        long total = blobs.chunked() ? cost(blobs.manifestBytes().length).getAsLong() : 0;
        for (FileBlobs.Chunk chunk : blobs.chunks()) {
            total += cost(chunk.length()).getAsLong();
        }
        return OptionalLong.of(total);
    }

    private long encodedSize(long length) {
        try {
            return StorageCost.encodedLength(length, nShards);
        } catch (EncodingException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    private OptionalLong cost(long length) {
        return storagePrice.isPresent() && writePrice.isPresent()
            ? OptionalLong.of(StorageCost.cost(encodedSize(length), epochs, storagePrice.getAsLong(),
                writePrice.getAsLong()))
            : OptionalLong.empty();
    }

    /** The dry run's line, in the words of {@code walrus store --dry-run}; a chunked file adds a line per chunk. */
    String describe(String file) {
        OptionalLong cost = cost();
        StringBuilder text = new StringBuilder("Dry run of ").append(file).append(": blob ID ").append(blobs.blobId())
            .append(", ").append(BlobIdCommand.bytes(blobs.length()));
        if (blobs.chunked()) {
            text.append(" in ").append(blobs.chunkCount()).append(" chunks and a manifest of ")
                .append(BlobIdCommand.bytes(blobs.manifestBytes().length));
        }
        text.append(" (encoded size ").append(BlobIdCommand.bytes(encodedSize())).append("), ").append(epochs)
            .append(" epoch(s), ").append(blobs.chunked() ? "total cost " : "cost ").append(price(cost))
            .append("; nothing was stored");
        if (blobs.chunked()) {
            for (FileBlobs.Chunk chunk : blobs.chunks()) {
                text.append("\n  chunk ").append(chunk.index() + 1).append(": blob ID ").append(chunk.blobId())
                    .append(", ").append(chunk.bytes()).append(" (").append(BlobIdCommand.bytes(chunk.length()))
                    .append("), cost ").append(price(cost(chunk.length())));
            }
        }
        return text.toString();
    }

    private static String price(OptionalLong cost) {
        return cost.isPresent() ? cost.getAsLong() + " FROST" : "unknown (the gateway publishes no prices)";
    }

    /**
     * The dry run as Walrus's {@code DryRunOutput} names its fields, plus the epochs; a chunked file (whose
     * {@code blobId} is its manifest's and whose sizes and cost are totals) adds {@code chunkCount} and
     * {@code chunks:[{"blobId","offset","length","encodedSize","storageCost"},...]}.
     */
    ObjectNode json(String file) {
        var root = CliJson.object().put("path", file).put("blobId", blobs.blobId().toString())
            .put("unencodedSize", blobs.length()).put("encodedSize", encodedSize())
            .put("epochs", epochs);
        putCost(root, cost());
        root.put("encodingType", WalrusInfo.ENCODING_TYPE);
        if (blobs.chunked()) {
            root.put("chunkCount", blobs.chunkCount());
            ArrayNode chunks = root.putArray("chunks");
            for (FileBlobs.Chunk chunk : blobs.chunks()) {
                ObjectNode entry = chunks.addObject().put("blobId", chunk.blobId().toString())
                    .put("offset", chunk.offset()).put("length", chunk.length())
                    .put("encodedSize", encodedSize(chunk.length()));
                putCost(entry, cost(chunk.length()));
            }
        }
        return root;
    }

    private static void putCost(ObjectNode node, OptionalLong cost) {
        if (cost.isPresent()) {
            node.put("storageCost", cost.getAsLong());
        } else {
            node.putNull("storageCost");
        }
    }
}
