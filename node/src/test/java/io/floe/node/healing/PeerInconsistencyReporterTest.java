package io.floe.node.healing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.control.RegisterBlob;
import io.floe.api.control.UnsupportedControlPlane;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.InconsistencyProof;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.ProtocolMessages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reporter against fake storage nodes on 127.0.0.1: it counts only signatures that are the expected message
 * under the member's key, submits them at validity weight ({@code 3w >= 11} of 10 shards: 4 shards), and says false
 * below it or when the control plane refuses.
 */
class PeerInconsistencyReporterTest {
    private static final Epoch EPOCH = new Epoch(4);
    private static final BlobId BLOB = BlobId.of(new byte[32]);
    private static final InconsistencyProof PROOF =
            new InconsistencyProof(SliverType.PRIMARY, new SliverIndex(2), List.of());

    /** How a fake node answers a proof. */
    private enum Answer { SIGNS, SIGNS_WITH_OTHER_KEY, SIGNS_OTHER_EPOCH, REFUSES, HANGS }

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<java.util.concurrent.ExecutorService> serverThreads = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final RecordingControlPlane control = new RecordingControlPlane();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
        serverThreads.forEach(java.util.concurrent.ExecutorService::shutdownNow);
    }

    @Test
    void submitsOnlyValidSignaturesOnceTheyReachValidity() {
        // a: 3 shards, b: 3, c: 2, d: 2. Valid: a and d (5 shards); b's and c's answers must not count.
        Committee committee = committee(Answer.SIGNS, Answer.SIGNS_WITH_OTHER_KEY, Answer.SIGNS_OTHER_EPOCH,
                Answer.SIGNS);
        PeerInconsistencyReporter reporter = reporter(committee);

        assertTrue(reporter.report(BLOB, PROOF).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join());

        assertEquals(1, control.submitted.size());
        List<NodeId> signers = control.submitted.get(0).stream().map(NodeConfirmation::node).toList();
        assertEquals(List.of(new NodeId("a"), new NodeId("d")), signers.stream().sorted(
                java.util.Comparator.comparing(NodeId::value)).toList());
    }

    @Test
    void doesNotWaitForANodeThatHangsOnceValidityIsReached() {
        Committee committee = committee(Answer.SIGNS, Answer.SIGNS, Answer.HANGS, Answer.HANGS);
        PeerInconsistencyReporter reporter = new PeerInconsistencyReporter(new NodeId("a"), () -> Optional.of(committee),
                http, control, Duration.ofSeconds(30));
        long start = System.nanoTime();

        assertTrue(reporter.report(BLOB, PROOF).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join());

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "answered before the hung nodes' timeout");
    }

    @Test
    void reportsFalseBelowValidityWeight() {
        Committee committee = committee(Answer.REFUSES, Answer.REFUSES, Answer.SIGNS, Answer.HANGS);
        PeerInconsistencyReporter reporter = new PeerInconsistencyReporter(new NodeId("a"), () -> Optional.of(committee),
                http, control, Duration.ofSeconds(1));

        assertFalse(reporter.report(BLOB, PROOF).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join());
        assertTrue(control.submitted.isEmpty(), "3 shards of 10 are not validity: nothing submitted");
    }

    @Test
    void reportsFalseWhenTheControlPlaneRefusesOrNoCommitteeIsKnown() {
        Committee committee = committee(Answer.SIGNS, Answer.SIGNS, Answer.SIGNS, Answer.SIGNS);
        control.refuse = true;
        assertFalse(reporter(committee).report(BLOB, PROOF).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join());
        PeerInconsistencyReporter noCommittee = new PeerInconsistencyReporter(new NodeId("a"), Optional::empty, http,
                control, Duration.ofSeconds(5));
        assertFalse(noCommittee.report(BLOB, PROOF).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join());
    }

    private PeerInconsistencyReporter reporter(Committee committee) {
        return new PeerInconsistencyReporter(new NodeId("a"), () -> Optional.of(committee), http, control,
                Duration.ofSeconds(5));
    }

    /** Four nodes a, b, c, d holding 3, 3, 2, 2 of 10 shards, answering as given. */
    private Committee committee(Answer a, Answer b, Answer c, Answer d) {
        List<StorageNodeInfo> members = List.of(node("a", a), node("b", b), node("c", c), node("d", d));
        List<NodeId> owners = new ArrayList<>();
        for (String id : List.of("a", "a", "a", "b", "b", "b", "c", "c", "d", "d")) {
            owners.add(new NodeId(id));
        }
        return new Committee(EPOCH, members, owners);
    }

    private StorageNodeInfo node(String id, Answer answer) {
        KeyPair keys = Ed25519.generate();
        KeyPair other = Ed25519.generate();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-node-" + id);
                t.setDaemon(true);
                return t;
            });
            serverThreads.add(threads);
            server.setExecutor(threads);
            server.createContext("/v1/blobs/" + BLOB + "/inconsistencyProof/primary",
                    exchange -> answer(exchange, answer, keys, other));
            server.start();
            servers.add(server);
            return new StorageNodeInfo(new NodeId(id), "http://127.0.0.1:" + server.getAddress().getPort(),
                    Ed25519PublicKey.of(keys.getPublic()), 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, Answer answer, KeyPair keys, KeyPair other) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] message = ProtocolMessages.invalidBlob(answer == Answer.SIGNS_OTHER_EPOCH ? EPOCH.plus(1) : EPOCH, BLOB);
        switch (answer) {
            case HANGS -> sleepQuietly();
            case REFUSES -> send(exchange, 400, io.floe.api.json.Json.text(io.floe.api.json.ApiErrors.body(
                    org.apache.pekko.http.javadsl.model.StatusCodes.BAD_REQUEST, "INVALID_INCONSISTENCY_PROOF", "no")));
            default -> {
                byte[] signature = Ed25519.sign((answer == Answer.SIGNS_WITH_OTHER_KEY ? other : keys).getPrivate(),
                        message);
                send(exchange, 200, "{\"success\":{\"code\":200,\"data\":{\"serializedMessage\":\""
                        + Base64.getEncoder().encodeToString(message) + "\",\"signature\":\""
                        + Base64.getEncoder().encodeToString(signature) + "\"}}}");
            }
        }
        exchange.close();
    }

    /** A node that never answers within the test; the executor's shutdown at the end interrupts it. */
    private static void sleepQuietly() {
        try {
            new CompletableFuture<Void>().get(25, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Timed out or interrupted by the server's shutdown: either way the exchange just ends.
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Records what is submitted; marks the blob invalid unless told to refuse. */
    private static final class RecordingControlPlane extends UnsupportedControlPlane {
        final List<List<NodeConfirmation>> submitted = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        @Override
        public CompletionStage<BlobRecord> markInvalid(BlobId blobId, List<NodeConfirmation> signatures) {
            submitted.add(List.copyOf(signatures));
            if (refuse) {
                return CompletableFuture.failedFuture(new ControlPlaneException.NotEnoughSignatures(0, 10));
            }
            return CompletableFuture.completedFuture(new BlobRecord(blobId, List.of(), true));
        }

        @Override
        public CompletionStage<Committee> committee() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletionStage<LedgerInfo> ledgerInfo() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletionStage<BlobRecord> blob(BlobId blobId) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletionStage<io.floe.api.control.RegisteredBlob> register(RegisterBlob request) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletionStage<BlobRecord> certify(BlobId blobId, ObjectId objectId, List<NodeConfirmation> confirmations) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }
    }
}
