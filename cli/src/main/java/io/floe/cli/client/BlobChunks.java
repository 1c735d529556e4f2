package io.floe.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.encoding.metadata.BlobId;
import java.util.ArrayList;
import java.util.List;

/**
 * How a blob is chunked, as the gateway reports it ({@code GET /v1/blobs/{id}/chunks}, a Floe extension,
 * {@code ApiPaths.chunks}): an ordinary blob has no chunks; a chunk manifest lists its chunks in stream order, each
 * with its blob ID, offset and length. {@link #json()} is the answer on one line.
 */
public record BlobChunks(BlobId blobId, boolean chunked, long totalLength, int nShards, long chunkSize,
        List<Chunk> chunks, String json) {
    public BlobChunks {
        chunks = List.copyOf(chunks);
    }

    /** One chunk: bytes {@code [offset, offset + length)} of the stream, stored as blob {@code blobId}. */
    public record Chunk(BlobId blobId, long offset, long length) {
    }

    static BlobChunks from(JsonNode root, GatewayJson json) {
        BlobId id = json.blobId(root, "blobId");
        boolean chunked = json.bool(root, "chunked", "chunked");
        long total = json.number(root, "totalLength", "totalLength");
        if (!chunked) {
            return new BlobChunks(id, false, total, 0, 0, List.of(), CliJson.line(root));
        }
        long nShards = json.number(root, "nShards", "nShards");
        JsonNode list = root.path("chunks");
        if (!list.isArray()) {
            throw json.bad("chunks is missing or not a list");
        }
        List<Chunk> chunks = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String at = "chunks[" + i + "].";
            JsonNode chunk = list.get(i);
            chunks.add(new Chunk(json.blobId(chunk, at + "blobId"), json.number(chunk, "offset", at + "offset"),
                json.number(chunk, "length", at + "length")));
        }
        return new BlobChunks(id, true, total, json.typed(nShards, Math::toIntExact, "nShards"),
            json.number(root, "chunkSize", "chunkSize"), chunks, CliJson.line(root));
    }
}
