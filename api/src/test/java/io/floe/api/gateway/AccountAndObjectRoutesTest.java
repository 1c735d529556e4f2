package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.control.RequestReceipt;
import io.floe.api.json.Json;
import io.floe.api.node.NodeClient;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.proto.FloeAccountProto;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account and object routes against a real HTTP server and a stub control plane: signed requests reach the
 * control plane as sent and answer receipts or the refusal's status, the faucet and accounts answer their shapes,
 * objects are found through the read-side, and an expired blob is not served.
 */
class AccountAndObjectRoutesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final KeyPair KEYS = Ed25519.generate();
    private static final Ed25519PublicKey PUBLIC = Ed25519PublicKey.of(KEYS.getPublic());
    private static final String SIGNER = Address.of(PUBLIC).value();
    private static final BlobId BLOB = BlobId.of(filled(3));
    private static final ObjectId OBJECT = ObjectId.of(filled(4));
    private final ActorTestKit testKit = ActorTestKit.create("account-routes");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final StubControlPlane control = new StubControlPlane(epoch(6));
    private final List<SignedRequest> submitted = new CopyOnWriteArrayList<>();
    private ServerBinding binding;
    private Path spool;
    private URI gateway;

    @BeforeEach
    void start() throws Exception {
        BlobReader reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, 2);
        BlobWriter writer = new BlobWriter(testKit.system(), control,
                info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, Duration.ofMillis(10), 2);
        spool = Files.createTempDirectory("floe-spool");
        BlobListings listings = new BlobListings() {
            @Override
            public CompletionStage<Page> byOwner(String owner, Optional<BlobId> cursor, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletionStage<Page> all(Optional<BlobId> cursor, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletionStage<Optional<BlobId>> blobOfObject(ObjectId objectId) {
                return CompletableFuture.completedFuture(objectId.equals(OBJECT) ? Optional.of(BLOB) : Optional.empty());
            }
        };
        ClientRoutes routes = new ClientRoutes(testKit.system(), control, writer, reader,
                new UploadSettings(1 << 20, spool, 1 << 20), node -> true, cpu, listings, "gateway",
                Set.of("content-disposition", "content-type"));
        binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(routes.createRoute())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        gateway = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        testKit.shutdownTestKit();
        cpu.shutdownNow();
        Files.deleteIfExists(spool);
    }

    @Test
    void aSignedRequestReachesTheControlPlaneAsSentAndAnswersItsReceipt() throws Exception {
        SignedRequest request = deleteRequest();
        StorageResource returned = new StorageResource(OBJECT, new Epoch(6), new Epoch(9), 4096);
        control.submitting = signed -> {
            submitted.add(signed);
            return CompletableFuture.completedFuture(new RequestReceipt(signed.key(), "delete_blob", 0, 0, 900,
                    Optional.of(BLOB), List.of(object(9, Map.of())), Optional.of(returned), Optional.empty()));
        };

        JsonNode receipt = json(send("POST", "/v1/transactions", envelope(request)), 200).path("receipt");

        assertEquals(List.of(request), submitted);
        assertEquals("del-1", receipt.path("requestId").asText());
        assertEquals(SIGNER, receipt.path("account").asText());
        assertEquals("delete_blob", receipt.path("operation").asText());
        assertEquals(900, receipt.path("balanceAfter").asLong());
        assertEquals(BLOB.toString(), receipt.path("blobId").asText());
        assertEquals(OBJECT.toString(), receipt.path("objects").get(0).path("id").asText());
        assertEquals(SIGNER, receipt.path("objects").get(0).path("owner").asText());
        assertEquals(9, receipt.path("returnedStorage").path("endEpoch").asInt());
        assertEquals(4096, receipt.path("returnedStorage").path("storageSize").asLong());
    }

    @Test
    void refusalsAnswerTheirStatusAndBrokenEnvelopesNeverReachTheControlPlane() throws Exception {
        Map<String, Integer> statuses = Map.of("NOT_OWNER", 403, "REQUEST_EXPIRED", 400, "OBJECT_NOT_FOUND", 404,
                "NOT_DELETABLE", 409, "INVALID_SIGNATURE", 400);
        for (Map.Entry<String, Integer> refusal : statuses.entrySet()) {
            control.submitting = signed -> CompletableFuture.failedFuture(
                    new ControlPlaneException.Refused(refusal.getKey(), "because"));
            JsonNode error = json(send("POST", "/v1/transactions", envelope(deleteRequest())), refusal.getValue());
            assertEquals(refusal.getKey(), error.path("error").path("details").path(0).path("reason").asText());
        }
        control.submitting = signed -> {
            submitted.add(signed);
            return CompletableFuture.failedFuture(new IllegalStateException("not expected"));
        };
        for (String body : List.of("not json", "{}", "{\"request\":\"AA==\",\"publicKey\":\"AA==\",\"signature\":\"\"}",
                "{\"request\":\"***\",\"publicKey\":\"AA==\",\"signature\":\"AA==\"}")) {
            assertEquals("INVALID_REQUEST", json(send("POST", "/v1/transactions", body), 400)
                    .path("error").path("details").path(0).path("reason").asText(), body);
        }
        assertEquals(List.of(), submitted);
    }

    @Test
    void faucetAndAccountAnswerTheirShapes() throws Exception {
        JsonNode funded = json(send("POST", "/v1/faucet?address=" + SIGNER.toUpperCase().replace("0X", "0x")
                + "&amount=500", ""), 200);
        assertEquals(SIGNER, funded.path("address").asText());
        assertEquals(500, funded.path("amount").asLong());
        assertEquals(501, funded.path("balance").asLong());
        assertEquals(List.of(SIGNER + " 500"), control.faucetCalls);
        assertEquals(400, send("POST", "/v1/faucet?address=gateway", "").statusCode());

        JsonNode account = json(send("GET", "/v1/accounts/" + SIGNER, null), 200);
        assertEquals(77, account.path("balance").asLong());
        assertTrue(account.path("storage").isArray());
    }

    @Test
    void objectsAreFoundThroughTheReadSideWithTheirAttributesAndFunds() throws Exception {
        control.registration = object(9, Map.of("content-type", "text/plain")).withObject(
                new Registration.ObjectDetails(object(9, Map.of()).storage(), true, false, Map.of("k", "v")));
        control.sharedFunds = 1234;
        JsonNode found = json(send("GET", "/v1/objects/" + OBJECT, null), 200);
        assertEquals(BLOB.toString(), found.path("blobId").asText());
        assertTrue(found.path("blobObject").path("shared").asBoolean());
        assertEquals("v", found.path("blobObject").path("attributes").path("k").asText());
        assertEquals(1234, found.path("sharedFunds").asLong());

        assertEquals("OBJECT_NOT_FOUND", json(send("GET", "/v1/objects/" + ObjectId.of(filled(5)), null), 404)
                .path("error").path("details").path(0).path("reason").asText());
        assertEquals("OBJECT_NOT_FOUND", json(send("GET", "/v1/blobs/by-object-id/" + ObjectId.of(filled(5)), null),
                404).path("error").path("details").path(0).path("reason").asText());
    }

    @Test
    void anExpiredBlobIsNotServedByIdNorByObjectId() throws Exception {
        control.registration = object(6, Map.of());
        for (String path : List.of("/v1/blobs/" + BLOB, "/v1/blobs/by-object-id/" + OBJECT)) {
            JsonNode error = json(send("GET", path, null), 404).path("error");
            assertEquals("BLOB_NOT_FOUND", error.path("details").path(0).path("reason").asText(), path);
            assertTrue(error.path("message").asText().contains("expired"), error::toString);
        }
    }

    @Test
    void onlyAllowedAttributesBecomeHeaders() {
        ObjectRoutes routes = new ObjectRoutes(control, null, Set.of("Content-Disposition", "content-type"),
                (id, range, head) -> null, id -> null);
        org.apache.pekko.http.javadsl.model.HttpResponse response = routes.withAttributes(
                org.apache.pekko.http.javadsl.model.HttpResponse.create().withEntity(new byte[] {1}),
                Map.of("content-disposition", "attachment", "x-secret", "no", "content-type", "text/plain"));
        assertEquals(Optional.of("attachment"), response.getHeader("content-disposition").map(h -> h.value()));
        assertTrue(response.getHeader("x-secret").isEmpty());
        assertEquals("text/plain", response.entity().getContentType().mediaType().toString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response::body);
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    static String envelope(SignedRequest request) {
        Base64.Encoder b64 = Base64.getEncoder();
        return Json.text(Json.object().put("request", b64.encodeToString(request.request()))
                .put("publicKey", b64.encodeToString(request.publicKey().bytes()))
                .put("signature", b64.encodeToString(request.signature())));
    }

    private static SignedRequest deleteRequest() {
        return SignedRequest.sign(FloeAccountProto.ClientRequest.newBuilder().setAccount(SIGNER).setRequestId("del-1")
                .setExpiresAtMillis(System.currentTimeMillis() + 60_000).setBlobId(ByteString.copyFrom(BLOB.bytes()))
                .setDeleteBlob(FloeAccountProto.DeleteBlobOp.newBuilder().setObjectId(ByteString.copyFrom(OBJECT.bytes())))
                .build(), KEYS.getPrivate(), PUBLIC);
    }

    /** A certified object of the signer's ending with {@code end} (epoch 6 is the current one). */
    private static Registration object(int end, Map<String, String> attributes) {
        StorageResource storage = new StorageResource(OBJECT, new Epoch(2), new Epoch(end), 4096);
        return new Registration(OBJECT, SIGNER, 10, 4096, new Epoch(2), new Epoch(end), true, 5,
                Optional.of(new Epoch(2)), new Registration.ObjectDetails(storage, false, false, attributes));
    }

    private static EpochCommittees epoch(int epoch) {
        StorageNodeInfo a = new StorageNodeInfo(new NodeId("a"), "http://127.0.0.1:9", Ed25519PublicKey.of(new byte[32]),
                1_000);
        Committee current = new Committee(new Epoch(epoch), List.of(a), List.of(a.id(), a.id(), a.id(), a.id()));
        return new EpochCommittees(EpochState.EPOCH_CHANGE_DONE, Instant.now(), Duration.ofSeconds(30), current,
                Optional.empty(), Optional.empty(), Set.of());
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
