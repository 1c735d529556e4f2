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
 * that failed. Invariant: the command fails (exit 1) exactly when one file did; with one file, with that file's own
 * message, as before several files were accepted.
 */
final class StoredFiles {
    /** One file's outcome: the gateway's answer, or why it failed. */
    record Outcome(Optional<StoreResult> result, Optional<BlobId> blobId, String phase, String message) {
        static Outcome of(StoreResult result) {
            if (result instanceof StoreResult.MarkedInvalid) {
                return new Outcome(Optional.of(result), Optional.of(result.blobId()), "certify",
                    "blob ID " + result.blobId() + " is marked invalid: its encoding is inconsistent");
            }
            return new Outcome(Optional.of(result), Optional.of(result.blobId()), "", "");
        }

        static Outcome failed(Optional<BlobId> blobId, String phase, String message) {
            return new Outcome(Optional.empty(), blobId, phase, message);
        }

        boolean succeeded() {
            return message.isEmpty();
        }
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
        outcome.result().ifPresent(r -> lastLine = StoreCommand.describe(file, r));
        if (!outcome.succeeded()) {
            failures.add(new Failure(file, outcome.message()));
        }
        ObjectNode entry = results.addObject();
        entry.set("blobStoreResult", outcome.result().map(StoredFiles::answer).orElseGet(() -> error(outcome)));
        entry.put("path", file);
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
