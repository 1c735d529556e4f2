package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.quilt.Quilt;
import io.floe.encoding.quilt.QuiltEncoder;
import io.floe.encoding.quilt.QuiltFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The quilt the network tests store with {@code floe store-quilt}: three seeded files written to a folder (a small PNG
 * image, a text file, a binary whose name has a space, so identifiers travel URL-encoded in a path), the same files
 * as the encoder takes them, and what {@link QuiltEncoder} and the blob encoder say the quilt's blob ID and patch IDs
 * are for a shard count. The same bytes every run, so a failure can be reproduced.
 */
final class Quilts {
    static final String IMAGE = "logo.png";
    static final String TEXT = "readme.txt";
    static final String SPACED = "raw data.bin";
    /** The image's tags in the tagged quilt: names that are no allowed response header, so only lists show them. */
    static final SortedMap<String, String> IMAGE_TAGS = new TreeMap<>(Map.of("kind", "image", "author", "floe"));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Quilts() {
    }

    /** A quilt as the CLI stored it: its blob ID, the store's JSON answer, and its files by identifier. */
    record Stored(BlobId quiltId, JsonNode answer, Map<String, QuiltFile> files) {
        /** The patch IDs the store answered, by identifier. */
        Map<String, String> patchIds() {
            Map<String, String> ids = new LinkedHashMap<>();
            answer.path("storedQuiltBlobs").forEach(p -> ids.put(p.path("identifier").asText(),
                    p.path("quiltPatchId").asText()));
            return ids;
        }
    }

    /** Writes the three files into {@code dir} (created) and returns them, untagged, as the encoder takes them. */
    static List<QuiltFile> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<QuiltFile> files = List.of(new QuiltFile(IMAGE, png()),
                new QuiltFile(TEXT, "A quilt of three files, stored by Floe's CLI.\n".getBytes(StandardCharsets.UTF_8)),
                new QuiltFile(SPACED, Blobs.random(31, 700)));
        for (QuiltFile f : files) {
            Files.write(dir.resolve(f.identifier()), f.contents());
        }
        return files;
    }

    /** The same files with {@link #IMAGE_TAGS} on the image. */
    static List<QuiltFile> tagged(List<QuiltFile> files) {
        return files.stream().map(f -> f.identifier().equals(IMAGE)
                ? new QuiltFile(f.identifier(), f.contents(), IMAGE_TAGS) : f).toList();
    }

    /** {@code --blobs} arguments for the files in {@code dir}, each with its tags, as {@code walrus} takes them. */
    static List<String> blobsArguments(Path dir, List<QuiltFile> files) {
        List<String> args = new ArrayList<>(List.of("--blobs"));
        for (QuiltFile f : files) {
            ObjectNode blob = MAPPER.createObjectNode().put("path", dir.resolve(f.identifier()).toString());
            if (!f.tags().isEmpty()) {
                ObjectNode tags = blob.putObject("tags");
                f.tags().forEach(tags::put);
            }
            args.add(blob.toString());
        }
        return args;
    }

    /** {@code floe store-quilt SELECTION --epochs 2 --json} against {@code gatewayUrl}; the files are what it holds. */
    static Stored store(List<String> selection, List<QuiltFile> files, String gatewayUrl) {
        List<String> args = new ArrayList<>(List.of("store-quilt"));
        args.addAll(selection);
        args.addAll(List.of("--epochs", "2", "--gateway", gatewayUrl, "--json"));
        JsonNode answer = FloeCli.run(args).json();
        BlobId quiltId = Gateway.answer(answer.path("blobStoreResult")).blobId();
        Map<String, QuiltFile> byIdentifier = new LinkedHashMap<>();
        files.forEach(f -> byIdentifier.put(f.identifier(), f));
        return new Stored(quiltId, answer, byIdentifier);
    }

    /** The store answered the quilt's blob ID and every patch ID as the encoders give them for {@code nShards}. */
    static void assertEncodersIds(Stored stored, int nShards) {
        Quilt expected = QuiltEncoder.encode(List.copyOf(stored.files().values()), nShards);
        BlobId quiltId = Blobs.idOf(expected.bytes(), nShards);
        assertEquals(quiltId, stored.quiltId(), () -> "the quilt's blob ID: " + stored.answer());
        Map<String, String> patchIds = new LinkedHashMap<>();
        expected.patches().forEach(p -> patchIds.put(p.identifier(), p.id(quiltId).toString()));
        assertEquals(patchIds, stored.patchIds(), () -> "patch IDs, in the quilt's order: " + stored.answer());
        assertEquals(List.copyOf(patchIds.keySet()), List.copyOf(stored.patchIds().keySet()), "the quilt's order");
    }

    /** A refusal in Walrus's error shape with this status and {@code details[0].reason}; returns the message. */
    static String assertRefused(Http.Response r, int status, String reason) {
        assertEquals(status, r.status(), () -> "expected HTTP " + status + ": " + r.excerpt());
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/json"), () -> r.headers().toString());
        JsonNode error = r.json().path("error");
        assertEquals(reason, error.path("details").path(0).path("reason").asText(), r::excerpt);
        assertTrue(!error.path("message").asText().isEmpty(), r::excerpt);
        return error.path("message").asText();
    }

    /** The tags of a JSON object, as a sorted map of strings. */
    static SortedMap<String, String> tags(JsonNode node) {
        SortedMap<String, String> tags = new TreeMap<>();
        node.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }

    /** A small image in PNG's framing (signature, an IHDR chunk for 16x16 RGBA), seeded bytes after it. */
    private static byte[] png() {
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0};
        byte[] body = Blobs.random(29, 1_200);
        byte[] png = new byte[head.length + body.length];
        System.arraycopy(head, 0, png, 0, head.length);
        System.arraycopy(body, 0, png, head.length, body.length);
        return png;
    }
}
