package io.floe.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.QuiltClient;
import io.floe.encoding.metadata.BlobId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code floe read-quilt (--quilt-id ID [--identifiers NAME... | --tag KEY VALUE] | --quilt-patch-ids ID...)
 * [--out DIR] [--json]}: reads patches of a quilt through the gateway's aggregator, as {@code walrus read-quilt} does:
 * by identifier ({@code /v1/blobs/by-quilt-id/{quilt}/{identifier}}), by patch ID
 * ({@code /v1/blobs/by-quilt-patch-id/{id}}), by tag or, with only {@code --quilt-id}, every patch (from the patch
 * list, then by patch ID). With {@code --out} each patch is written to {@code DIR/identifier}; else the bytes go to
 * stdout one after the other. {@code --json} prints Walrus's {@code ReadQuiltOutput}: {@code {"out"?,"retrievedBlobs":
 * [{"blob":[bytes],"identifier","tags"}]}} (tags from the quilt's patch list).
 */
public final class ReadQuiltCommand extends GatewayCommand {
    static final int DEFAULT_TIMEOUT_SECONDS = 3600;
    private static final String QUILT_ID = "--quilt-id";
    private static final String IDENTIFIERS = "--identifiers";
    private static final String TAG = "--tag";
    private static final String PATCH_IDS = "--quilt-patch-ids";
    private static final String OUT = "--out";

    /** A patch read, with the tags its quilt's list gives it. */
    private record Read(QuiltClient.Patch patch, Map<String, String> tags) {
    }

    ReadQuiltCommand(Environment environment) {
        super("read-quilt", "Read patches of a quilt, through the gateway", DEFAULT_TIMEOUT_SECONDS, environment);
    }

    @Override
    public String usage() {
        return """
            usage: floe read-quilt (--quilt-id ID [--identifiers NAME... | --tag KEY VALUE] | --quilt-patch-ids ID...)
                                   [--out DIR] [--json] [--gateway URL] [--timeout SECONDS]

            Reads patches (the files) of a quilt from the gateway: those --identifiers names, those with tag KEY =
            VALUE, every patch when only --quilt-id is given, or the patches --quilt-patch-ids names.

            options:
              --out DIR          write each patch to DIR/IDENTIFIER and list them; else the bytes go to stdout
              --json             print walrus's {"out","retrievedBlobs":[{"blob","identifier","tags"}]}
            %s
            exit codes: 0 read, 1 failure (gateway, unknown identifier, file), 2 bad command line or ID
            """.formatted(commonOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(QUILT_ID, OUT, GATEWAY, TIMEOUT), Set.of(JSON),
            Map.of(IDENTIFIERS, 0, TAG, 2, PATCH_IDS, 0));
        Optional<BlobId> quiltId = parsed.value(QUILT_ID).map(GatewayCommand::blobId);
        List<String> patchIds = parsed.list(PATCH_IDS);
        checkSelection(parsed, quiltId.isPresent(), !patchIds.isEmpty());
        patchIds.forEach(ReadQuiltCommand::quiltOf);
        Optional<Path> dir = parsed.value(OUT).map(ReadQuiltCommand::directory);
        QuiltClient quilts = new QuiltClient(client(parsed));
        List<Read> reads;
        try {
            reads = patchIds.isEmpty() ? readFromQuilt(quilts, quiltId.orElseThrow(), parsed) : readByIds(quilts, patchIds);
        } catch (GatewayException e) {
            throw failed(e);
        }
        dir.ifPresent(d -> reads.forEach(r -> write(d, r.patch())));
        if (parsed.flag(JSON)) {
            out.println(CliJson.line(json(dir, reads)));
        } else if (dir.isPresent()) {
            reads.forEach(r -> out.println(dir.get().resolve(r.patch().identifier()) + " ("
                + BlobIdCommand.bytes(r.patch().data().length) + ")"));
        } else {
            reads.forEach(r -> out.write(r.patch().data(), 0, r.patch().data().length));
        }
    }

    private static void checkSelection(Arguments parsed, boolean quiltId, boolean patchIds) {
        if (quiltId == patchIds) {
            throw new UsageException("give either " + QUILT_ID + " or " + PATCH_IDS);
        }
        if (patchIds && (!parsed.list(IDENTIFIERS).isEmpty() || !parsed.list(TAG).isEmpty())) {
            throw new UsageException(PATCH_IDS + " goes alone, without " + IDENTIFIERS + " or " + TAG);
        }
        if (!parsed.list(IDENTIFIERS).isEmpty() && !parsed.list(TAG).isEmpty()) {
            throw new UsageException(IDENTIFIERS + " and " + TAG + " exclude each other");
        }
        if (parsed.list(TAG).size() > 2) {
            throw new UsageException("only one " + TAG + " is supported");
        }
    }

    /** The quilt a patch ID belongs to: its first 32 bytes, as Walrus's {@code QuiltPatchId} lays it out. */
    static BlobId quiltOf(String patchId) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(patchId);
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a quilt patch ID (URL-safe base64): " + patchId);
        }
        if (bytes.length <= BlobId.LENGTH) {
            throw new UsageException("not a quilt patch ID (too short): " + patchId);
        }
        return BlobId.of(java.util.Arrays.copyOf(bytes, BlobId.LENGTH));
    }

    private static List<Read> readFromQuilt(QuiltClient quilts, BlobId quiltId, Arguments parsed) {
        List<QuiltClient.PatchItem> items = quilts.listPatches(quiltId);
        List<Read> reads = new ArrayList<>();
        List<String> identifiers = parsed.list(IDENTIFIERS);
        for (String identifier : identifiers) {
            Map<String, String> tags = items.stream().filter(i -> i.identifier().equals(identifier)).findFirst()
                .map(QuiltClient.PatchItem::tags).orElse(Map.of());
            reads.add(new Read(quilts.readByIdentifier(quiltId, identifier), tags));
        }
        if (identifiers.isEmpty()) {
            List<String> tag = parsed.list(TAG);
            for (QuiltClient.PatchItem item : items) {
                if (tag.isEmpty() || tag.get(1).equals(item.tags().get(tag.get(0)))) {
                    reads.add(read(quilts, item));
                }
            }
        }
        return reads;
    }

    private static List<Read> readByIds(QuiltClient quilts, List<String> patchIds) {
        Map<BlobId, List<QuiltClient.PatchItem>> lists = new HashMap<>();
        List<Read> reads = new ArrayList<>();
        for (String patchId : patchIds) {
            List<QuiltClient.PatchItem> items = lists.computeIfAbsent(quiltOf(patchId), quilts::listPatches);
            Optional<QuiltClient.PatchItem> listed = items.stream().filter(i -> i.patchId().equals(patchId))
                .findFirst();
            reads.add(listed.isPresent() ? read(quilts, listed.get())
                : new Read(quilts.readByPatchId(patchId), Map.of()));
        }
        return reads;
    }

    /** A listed patch, named as the list names it: the identifier header cannot carry every identifier exactly. */
    private static Read read(QuiltClient quilts, QuiltClient.PatchItem item) {
        return new Read(quilts.readByPatchId(item.patchId(), item.identifier()), item.tags());
    }

    private static Path directory(String text) {
        Path dir = LocalFiles.path(text);
        if (!Files.isDirectory(dir)) {
            throw new CommandFailedException("no such directory: " + text);
        }
        return dir;
    }

    // An identifier names a file in DIR only: a separator or '..' would write elsewhere.
    private static void write(Path dir, QuiltClient.Patch patch) {
        String name = patch.identifier();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new CommandFailedException("cannot write patch '" + name + "' into " + dir + ": not a file name");
        }
        try {
            Files.write(dir.resolve(name), patch.data());
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + dir.resolve(name) + ": " + LocalFiles.reason(e));
        }
    }

    private static ObjectNode json(Optional<Path> dir, List<Read> reads) {
        ObjectNode root = CliJson.object();
        dir.ifPresent(d -> root.put("out", d.toString()));
        ArrayNode blobs = root.putArray("retrievedBlobs");
        for (Read read : reads) {
            ObjectNode blob = blobs.addObject();
            // serde writes a Cow<[u8]> as a list of numbers.
            ArrayNode bytes = blob.putArray("blob");
            for (byte b : read.patch().data()) {
                bytes.add(b & 0xFF);
            }
            blob.put("identifier", read.patch().identifier());
            ObjectNode tags = blob.putObject("tags");
            new java.util.TreeMap<>(read.tags()).forEach(tags::put);
        }
        return root;
    }
}
