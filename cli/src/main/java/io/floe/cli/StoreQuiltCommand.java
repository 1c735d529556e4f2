package io.floe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.QuiltClient;
import io.floe.cli.client.StoreQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code floe store-quilt [--paths PATH...] [--blobs JSON...] [--epochs N|max | --end-epoch E] [--permanent |
 * --deletable] [--send-object-to ADDRESS] [--force] [--json]}: stores small files as one quilt through the
 * gateway's publisher ({@code PUT /v1/quilts}), as {@code walrus store-quilt} does. A path that is a directory adds
 * its files, recursively; a file's name is its identifier; {@code --blobs} gives each file its identifier and tags as
 * JSON ({@code {"path","identifier"?,"tags"?}}). Identifiers must be unique; every file is checked before anything is
 * sent. The gateway's account pays (the publisher's anonymous store), not the wallet. {@code --json} prints Walrus's
 * {@code QuiltStoreResult} as the gateway sent it.
 */
public final class StoreQuiltCommand extends GatewayCommand {
    static final int DEFAULT_TIMEOUT_SECONDS = 3600;
    private static final String PATHS = "--paths";
    private static final String BLOBS = "--blobs";
    private static final String PERMANENT = "--permanent";
    private static final String DELETABLE = "--deletable";
    private static final String FORCE = "--force";
    private static final String SEND_OBJECT_TO = "--send-object-to";

    StoreQuiltCommand(Environment environment) {
        super("store-quilt", "Store files as one quilt, through the gateway's publisher", DEFAULT_TIMEOUT_SECONDS,
            environment);
    }

    @Override
    public String usage() {
        return """
            usage: floe store-quilt [--paths PATH... | --blobs JSON...] [PATH...] [--epochs N|max | --end-epoch E]
                                    [--permanent | --deletable] [--send-object-to ADDRESS] [--force] [--json]
                                    [--gateway URL] [--timeout SECONDS]

            Stores the files as one quilt (Walrus's batching of small files into one blob) through the gateway's
            publisher, paid by the gateway's account. A directory adds all its files, recursively; each file's
            name is its identifier and must be unique. Prints the quilt's blob ID and each file's quilt patch ID.

            options:
              --paths PATH...    files or directories to store (positional PATHs are the same)
              --blobs JSON...    files with identifier and tags: '{"path":"a.pdf","identifier":"paper",
                                 "tags":{"status":"final"}}' (identifier defaults to the file's name)
              --epochs N|max     store for N epochs, N >= 1, or the most the network allows (default %d)
              --end-epoch EPOCH  store until EPOCH (exclusive) instead
              --permanent        the quilt cannot be deleted before its end epoch
              --deletable        the quilt may be deleted before its end epoch (the default)
              --send-object-to ADDRESS  the quilt's blob object goes to ADDRESS
              --force            store again even if the same quilt is already certified
              --json             print walrus's {"blobStoreResult":...,"storedQuiltBlobs":[...]} on one line
            %s
            exit codes: 0 stored, 1 failure (file, gateway), 2 bad command line
            """.formatted(StoreCommand.DEFAULT_EPOCHS, commonOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(StorePlan.EPOCHS, StorePlan.END_EPOCH, SEND_OBJECT_TO,
            GATEWAY, TIMEOUT), Set.of(PERMANENT, DELETABLE, FORCE, JSON), Map.of(PATHS, 0, BLOBS, 0));
        StorePlan.checkOptions(parsed);
        if (parsed.flag(PERMANENT) && parsed.flag(DELETABLE)) {
            throw new UsageException(PERMANENT + " and " + DELETABLE + " exclude each other");
        }
        List<String> paths = new ArrayList<>(parsed.list(PATHS));
        paths.addAll(parsed.positionals());
        if (!paths.isEmpty() && !parsed.list(BLOBS).isEmpty()) {
            throw new UsageException(BLOBS + " and paths exclude each other");
        }
        List<QuiltClient.QuiltFile> files = parsed.list(BLOBS).isEmpty() ? fromPaths(paths) : fromBlobs(parsed.list(BLOBS));
        uniqueIdentifiers(files);
        GatewayClient client = client(parsed);
        int epochs = parsed.value(StorePlan.EPOCHS).map(StorePlan.MAX::equals).orElse(false)
            || parsed.value(StorePlan.END_EPOCH).isPresent()
            ? StorePlan.epochs(parsed, networkInfo(client)) : parsed.intValue(StorePlan.EPOCHS, StoreCommand.DEFAULT_EPOCHS);
        StoreQuery query = new StoreQuery(epochs, parsed.flag(PERMANENT), parsed.flag(DELETABLE), parsed.flag(FORCE),
            parsed.value(SEND_OBJECT_TO));
        ObjectNode answer;
        try {
            answer = new QuiltClient(client).store(files, query);
        } catch (GatewayException e) {
            throw failed(e);
        } catch (IOException e) {
            throw new CommandFailedException("cannot read a file of the quilt: " + LocalFiles.reason(e));
        }
        out.println(parsed.flag(JSON) ? CliJson.line(answer) : describe(answer, files.size()));
    }

    /** The quilt's blob, then one {@code identifier: patch ID} line per file. */
    static String describe(JsonNode answer, int files) {
        JsonNode result = answer.path("blobStoreResult");
        String blobId = result.path("newlyCreated").path("blobObject").path("blobId").asText(
            result.path("alreadyCertified").path("blobId").asText("?"));
        StringBuilder sb = new StringBuilder("Stored quilt of ").append(files).append(" file(s): blob ID ")
            .append(blobId);
        JsonNode created = result.path("newlyCreated");
        if (created.isObject()) {
            sb.append(", end epoch ").append(created.path("blobObject").path("storage").path("endEpoch").asText())
                .append(", cost ").append(created.path("cost").asText()).append(" FROST");
        } else if (result.has("alreadyCertified")) {
            sb.append(", already certified until epoch ").append(result.path("alreadyCertified").path("endEpoch").asText());
        }
        for (JsonNode patch : answer.path("storedQuiltBlobs")) {
            sb.append("\n  ").append(patch.path("identifier").asText()).append(": ")
                .append(patch.path("quiltPatchId").asText());
        }
        return sb.toString();
    }

    private static List<QuiltClient.QuiltFile> fromPaths(List<String> paths) {
        if (paths.isEmpty()) {
            throw new UsageException("missing PATH (or " + BLOBS + ")");
        }
        List<QuiltClient.QuiltFile> files = new ArrayList<>();
        for (String text : paths) {
            Path path = LocalFiles.path(text);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(f -> files.add(file(f, Map.of(), Optional.empty())));
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new CommandFailedException("cannot list " + text + ": " + e.getMessage());
                }
            } else {
                files.add(file(LocalFiles.readableFile(text), Map.of(), Optional.empty()));
            }
        }
        if (files.isEmpty()) {
            throw new CommandFailedException("no files in " + String.join(", ", paths));
        }
        return files;
    }

    private static List<QuiltClient.QuiltFile> fromBlobs(List<String> specs) {
        List<QuiltClient.QuiltFile> files = new ArrayList<>();
        for (String spec : specs) {
            JsonNode blob;
            try {
                blob = CliJson.tree(spec);
            } catch (JsonProcessingException e) {
                throw new UsageException(BLOBS + ": not JSON: " + spec);
            }
            if (!blob.path("path").isTextual()) {
                throw new UsageException(BLOBS + ": each blob needs a \"path\": " + spec);
            }
            Map<String, String> tags = new TreeMap<>();
            blob.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            Optional<String> identifier = blob.path("identifier").isTextual()
                ? Optional.of(blob.get("identifier").textValue()) : Optional.empty();
            files.add(file(LocalFiles.readableFile(blob.get("path").textValue()), tags, identifier));
        }
        return files;
    }

    private static QuiltClient.QuiltFile file(Path path, Map<String, String> tags, Optional<String> identifier) {
        return new QuiltClient.QuiltFile(identifier.orElse(path.getFileName().toString()), path, tags);
    }

    private static void uniqueIdentifiers(List<QuiltClient.QuiltFile> files) {
        Set<String> seen = new HashSet<>();
        for (QuiltClient.QuiltFile file : files) {
            if (!seen.add(file.identifier())) {
                throw new CommandFailedException("two files have the identifier '" + file.identifier()
                    + "'; identifiers in a quilt must be unique (give others with " + BLOBS + ")");
            }
        }
    }
}
