package io.floe.api.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiSuccess;
import io.floe.api.json.Json;
import io.floe.api.node.SliverBatch;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.ProtocolMessages;
import io.floe.protocol.signing.SignedMessage;
import io.floe.protocol.testing.TestKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * A storage node's HTTP API reduced to what the gateway's reader and writer call: it serves one encoded blob's
 * metadata and primary slivers, accepts uploads and signs confirmations with the epoch it believes current. While
 * {@link #refusing} it answers every request as Walrus does for a shard not assigned to the node (400
 * {@code SHARD_NOT_ASSIGNED}); {@link #refusals} of the next requests may be set to refuse just those; while
 * {@link #slow} is closed its sliver batch uploads wait (one at a time: the server has one thread), and while
 * {@link #slowHolds} is closed its uploads to hold.
 */
final class FakeStorageNode implements AutoCloseable {
    private final HttpServer server;
    private final TestKey key = TestKey.generate();
    private final NodeId id;
    volatile EncodedBlob blob;
    volatile boolean refusing;
    volatile Epoch signingEpoch = Epoch.GENESIS;
    final AtomicInteger refusals = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    /** Metadata requests ({@code GET .../metadata}), answered or not. */
    final AtomicInteger metadataRequests = new AtomicInteger();
    final AtomicInteger uploads = new AtomicInteger();
    /**
     * Uploads held until a registration ({@code PUT .../floe-upload/pending}), answered or not; answered 202 and not
     * counted in {@link #uploads}.
     */
    final AtomicInteger held = new AtomicInteger();
    /** Confirmation requests ({@code GET .../confirmation/...}), answered or not. */
    final AtomicInteger confirmations = new AtomicInteger();
    /** Slivers received in batch uploads ({@code PUT .../slivers}). */
    final AtomicInteger sliversReceived = new AtomicInteger();
    /** While set and not counted down, a batch upload of slivers waits for it (a slow node). */
    volatile CountDownLatch slow;
    /** While set and not counted down, an upload to hold waits for it (a node that does not answer it). */
    volatile CountDownLatch slowHolds;

    FakeStorageNode(String id) {
        this.id = new NodeId(id);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try {
                answer(exchange);
            } catch (RuntimeException e) {
                send(exchange, 500, error(StatusCodes.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", e.toString()));
            }
        });
        server.start();
    }

    StorageNodeInfo info() {
        return new StorageNodeInfo(id, "http://127.0.0.1:" + server.getAddress().getPort(), key.publicKey(), 1);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean put = exchange.getRequestMethod().equals("PUT");
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.endsWith("/metadata")) {
            metadataRequests.incrementAndGet();
        }
        if (put && path.endsWith("/floe-upload/pending")) {
            held.incrementAndGet();
            await(slowHolds);
        }
        if (path.contains("/confirmation/")) {
            confirmations.incrementAndGet();
        }
        if (put && path.endsWith("/slivers")) {
            await(slow);
            sliversReceived.addAndGet(SliverBatch.decode(body).size());
        }
        if (refusing || refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(exchange, 400, error(StatusCodes.BAD_REQUEST, "SHARD_NOT_ASSIGNED", "shard is not assigned to this node"));
        } else if (put && path.endsWith("/floe-upload/permanent")) {
            // Floe's one-request upload of a small blob: stored, and confirmed in the same answer.
            uploads.incrementAndGet();
            send(exchange, 200, Json.text(ApiSuccess.body(confirmation(path))).getBytes(StandardCharsets.UTF_8));
        } else if (put && path.endsWith("/floe-upload/pending")) {
            // Held until the registration: not an upload, nothing confirmed yet.
            send(exchange, 202, Json.text(ApiSuccess.body(Json.object().textNode("held"))).getBytes());
        } else if (put) {
            uploads.incrementAndGet();
            send(exchange, 200, Json.text(ApiSuccess.body(Json.object().textNode("stored"))).getBytes());
        } else if (path.endsWith("/confirmation/permanent")) {
            send(exchange, 200, Json.text(ApiSuccess.body(confirmation(path))).getBytes(StandardCharsets.UTF_8));
        } else if (path.endsWith("/metadata") && blob != null) {
            send(exchange, 200, blob.metadata().toBcs());
        } else if (path.endsWith("/slivers/primary") && blob != null) {
            reads.incrementAndGet();
            List<SliverBatch.Entry> entries = new ArrayList<>();
            for (String p : exchange.getRequestURI().getQuery().replace("pairs=", "").split(",")) {
                SliverPairIndex pair = new SliverPairIndex(Integer.parseInt(p));
                entries.add(new SliverBatch.Entry(pair, blob.pair(pair).primary()));
            }
            send(exchange, 200, SliverBatch.encode(entries));
        } else if (path.endsWith("/primary") && blob != null) {
            reads.incrementAndGet();
            String[] parts = path.split("/");
            SliverPairIndex pair = new SliverPairIndex(Integer.parseInt(parts[parts.length - 2]));
            send(exchange, 200, blob.pair(pair).primary().toBcs());
        } else {
            send(exchange, 404, error(StatusCodes.NOT_FOUND, "NOT_FOUND", "none"));
        }
    }

    private static void await(CountDownLatch gate) {
        try {
            if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the slow node go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A storage node's error answer, in Walrus's shape as Floe's nodes give it. */
    private static byte[] error(StatusCode status, String reason, String message) {
        return Json.text(ApiErrors.body(status, reason, message)).getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode confirmation(String path) {
        String blobId = path.split("/")[3];
        SignedMessage signed = key.signed(ProtocolMessages.blobCertified(signingEpoch,
                io.floe.encoding.metadata.BlobId.parse(blobId)));
        ObjectNode message = Json.object()
                .put("serializedMessage", Base64.getEncoder().encodeToString(signed.serializedMessage()))
                .put("signature", Base64.getEncoder().encodeToString(signed.signature()));
        ObjectNode data = Json.object();
        data.set("signed", message);
        return data;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
