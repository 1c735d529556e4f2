package io.floe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.StoreResult;
import io.floe.encoding.metadata.BlobId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcomes of one {@code floe store} of several files, reported as the {@code walrus} CLI does: {@code --json}
 * prints Walrus's {@code Vec<BlobStoreResultWithPath>}, {@code [{"blobStoreResult":R,"path":FILE},...]}, where R is
 * the gateway's answer or Walrus's {@code error} variant ({@code {"blobId","failurePhase","errorMsg"}}) for a file
 * that failed; a chunked file adds {@code "chunkCount"} and {@code "chunks":[{"blobId","offset","length",
 * "blobStoreResult"},...]}, its result being the manifest's. Invariant: the command fails (exit 1) exactly when one file did; with one file, with that file's own
 * message, as before several files were accepted.
 */
final class StoredFiles {
    /**
     * One file's outcome: the gateway's answer (for a chunked file, to the manifest's store), or why it failed;
     * {@code chunkCount} is 0 for a file stored as one blob, and {@code chunks} the answers for its chunks so far.
     */
    record Outcome(Optional<StoreResult> result, Optional<BlobId> blobId, String phase, String message,
            int chunkCount, List<ChunkResult> chunks) {
        Outcome {
            chunks = List.copyOf(chunks);
        }

        static Outcome of(StoreResult result) {
            return chunked(result, 0, List.of());
        }

        /** The manifest's answer after every chunk was stored. */
        static Outcome chunked(StoreResult result, int chunkCount, List<ChunkResult> chunks) {
            if (result instanceof StoreResult.MarkedInvalid) {
                return new Outcome(Optional.of(result), Optional.of(result.blobId()), "certify",
                    "blob ID " + result.blobId() + " is marked invalid: its encoding is inconsistent", chunkCount,
                    chunks);
            }
            return new Outcome(Optional.of(result), Optional.of(result.blobId()), "", "", chunkCount, chunks);
        }

        static Outcome failed(Optional<BlobId> blobId, String phase, String message) {
            return failed(blobId, phase, message, 0, List.of());
        }

        static Outcome failed(Optional<BlobId> blobId, String phase, String message, int chunkCount,
                              List<ChunkResult> chunks) {
            return new Outcome(Optional.empty(), blobId, phase, message, chunkCount, chunks);
        }

        boolean succeeded() {
            return message.isEmpty();
        }
    }

    /** The gateway's answer to the store of one chunk of a chunked file. */
    record ChunkResult(FileBlobs.Chunk chunk, StoreResult result) {
    }

    private record Failure(String file, String message) {
    }

    private final boolean json;
    private final ArrayNode results = CliJson.array();
    private final List<Failure> failures = new ArrayList<>();
    private String lastLine = "";
    private boolean lastSucceeded;

    StoredFiles(boolean json) {
        this.json = json;
    }

    void add(String file, Outcome outcome) {
        lastSucceeded = outcome.succeeded();
        outcome.result().ifPresent(r -> lastLine = outcome.chunkCount() == 0 ? StoreCommand.describe(file, r)
            : ChunkedStore.describe(file, r, outcome.chunks()));
        if (!outcome.succeeded()) {
            failures.add(new Failure(file, outcome.message()));
        }
        ObjectNode entry = results.addObject();
        entry.set("blobStoreResult", outcome.result().map(StoredFiles::answer).orElseGet(() -> error(outcome)));
        entry.put("path", file);
        if (outcome.chunkCount() > 0) {
            // Floe's extension of Walrus's shape: the result above is the manifest's, these are its chunks'.
            entry.put("chunkCount", outcome.chunkCount());
            ArrayNode chunks = entry.putArray("chunks");
            for (ChunkResult stored : outcome.chunks()) {
                chunks.addObject().put("blobId", stored.chunk().blobId().toString())
                    .put("offset", stored.chunk().offset()).put("length", stored.chunk().length())
                    .set("blobStoreResult", answer(stored.result()));
            }
        }
    }

    boolean lastSucceeded() {
        return lastSucceeded;
    }

    String lastLine() {
        return lastLine;
    }

    /** Prints the JSON list (when asked) and fails the command when any file failed. */
    void finish(PrintStream out) {
        if (json) {
            out.println(CliJson.line(results));
        }
        if (failures.isEmpty()) {
            return;
        }
        if (results.size() == 1) {
            throw new CommandFailedException(failures.get(0).message());
        }
        throw new CommandFailedException(failures.size() + " of " + results.size() + " files failed: "
            + String.join("; ", failures.stream().map(f -> f.file() + ": " + f.message()).toList()));
    }

    private static JsonNode answer(StoreResult result) {
        try {
            return CliJson.tree(result.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the gateway's answer was JSON when it was read", e);
        }
    }

    private static JsonNode error(Outcome outcome) {
        ObjectNode error = CliJson.object();
        ObjectNode fields = error.putObject("error");
        if (outcome.blobId().isPresent()) {
            fields.put("blobId", outcome.blobId().get().toString());
        } else {
            fields.putNull("blobId");
        }
        fields.put("failurePhase", outcome.phase()).put("errorMsg", outcome.message());
        return error;
    }
}
