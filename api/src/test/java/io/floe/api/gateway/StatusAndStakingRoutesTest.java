package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.json.Json;
import io.floe.api.node.NodeClient;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.tls.TlsFingerprint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /status} shows Walrus's epoch fields and committees; {@code /v1/staking/*} answers the ledger's change. */
class StatusAndStakingRoutesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");
    private static final TlsFingerprint A_PIN = new TlsFingerprint("a1".repeat(TlsFingerprint.LENGTH));
    private final ActorTestKit testKit = ActorTestKit.create("status-and-staking");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final StubControlPlane control = new StubControlPlane(selected());
    private ServerBinding binding;
    private Path spool;
    private URI gateway;

    @BeforeEach
    void start() throws Exception {
        BlobReader reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, 2);
        BlobWriter writer = new BlobWriter(testKit.system(), control,
                info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, Duration.ofMillis(10), 2);
        spool = Files.createTempDirectory("floe-spool");
        ClientRoutes routes = new ClientRoutes(testKit.system(), control, writer, reader,
                new UploadSettings(1 << 20, spool, 1 << 20), node -> node.value().equals("a"), cpu);
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
    void statusShowsTheEpochAndTheNextCommitteeOnceSelected() throws Exception {
        JsonNode status = json(send("GET", "/status"), 200);
        assertEquals(4, status.path("epoch").asInt(), "the fields floe info always read stay");
        JsonNode epoch = status.path("epochInfo");
        assertEquals(4, epoch.path("currentEpoch").asInt());
        assertEquals("2026-01-02T03:04:05Z", epoch.path("startOfCurrentEpoch").asText());
        assertEquals(30, epoch.path("epochDuration").path("secs").asLong());
        assertEquals(0, epoch.path("epochDuration").path("nanos").asLong());
        assertEquals("NextParamsSelected", epoch.path("epochState").asText());
        JsonNode committees = status.path("committeeInfo");
        assertEquals(1, committees.path("currentStorageNodes").size());
        JsonNode next = committees.path("nextStorageNodes");
        assertEquals(2, next.size());
        assertEquals("b", next.get(1).path("nodeId").asText());
        assertEquals(2, next.get(1).path("nShards").asInt());
        assertEquals("[1,3]", next.get(1).path("shardIds").toString());
        assertEquals(500, next.get(1).path("stake").asLong());
        assertEquals("http://b.example:9186", next.get(1).path("networkAddress").asText());
        assertTrue(committees.path("previousStorageNodes").isMissingNode());
    }

    @Test
    void statusShowsTheTlsFingerprintTheLedgerRecordsForANode() throws Exception {
        JsonNode status = json(send("GET", "/status"), 200);
        assertEquals(A_PIN.hex(), status.path("nodes").get(0).path("tlsFingerprint").asText());
        JsonNode committees = status.path("committeeInfo");
        assertEquals(A_PIN.hex(), committees.path("currentStorageNodes").get(0).path("tlsFingerprint").asText());
        assertEquals(A_PIN.hex(), committees.path("nextStorageNodes").get(0).path("tlsFingerprint").asText());
        assertTrue(committees.path("nextStorageNodes").get(1).path("tlsFingerprint").isMissingNode(),
                "a plain-HTTP node records none");
    }

    @Test
    void stakeAnswersTheStakeChange() throws Exception {
        StakedWal stake = new StakedWal(7, new NodeId("b"), "gateway", 2_000, new Epoch(6), Optional.empty());
        control.staking = call -> CompletableFuture.completedFuture(new StakeChange(List.of(stake), 2_000, 3_000));

        JsonNode change = json(send("POST", "/v1/staking/stake?node=b&amount=2000"), 200);

        assertEquals(List.of("stake b 2000"), control.stakingCalls);
        assertEquals(2_000, change.path("amount").asLong());
        assertEquals(3_000, change.path("balanceAfter").asLong());
        JsonNode first = change.path("stakes").get(0);
        assertEquals(7, first.path("id").asLong());
        assertEquals("b", first.path("nodeId").asText());
        assertEquals(6, first.path("activationEpoch").asInt());
        assertTrue(first.path("withdrawEpoch").isNull());
    }

    @Test
    void withdrawalsReachTheLedgerAndItsRefusalsAnswer400() throws Exception {
        control.staking = call -> CompletableFuture.failedFuture(
                new ControlPlaneException.Rejected("no stake of gateway with node b"));

        JsonNode refused = json(send("POST", "/v1/staking/request-withdraw?node=b"), 400);
        assertEquals("REJECTED", refused.path("error").path("details").path(0).path("reason").asText());
        json(send("POST", "/v1/staking/withdraw?node=b"), 400);
        assertEquals(List.of("request-withdraw b", "withdraw b"), control.stakingCalls);
    }

    @Test
    void badParametersAnswer400BeforeTheLedgerIsAsked() throws Exception {
        control.staking = call -> CompletableFuture.failedFuture(new ControlPlaneException.InsufficientFunds("g", 1, 2));
        for (String query : List.of("stake?amount=5", "stake?node=b", "stake?node=b&amount=0", "stake?node=b&amount=x",
                "stake?node=NOT_AN_ID&amount=5", "withdraw", "request-withdraw?node=")) {
            JsonNode error = json(send("POST", "/v1/staking/" + query), 400).path("error");
            assertEquals(StakingRoutes.INVALID_PARAMETER, error.path("details").path(0).path("reason").asText(), query);
        }
        assertEquals(List.of(), control.stakingCalls);
        assertEquals(402, send("POST", "/v1/staking/stake?node=b&amount=5").statusCode());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response::body);
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Epoch 4 of node a alone, with a next committee of a and b selected. */
    private static EpochCommittees selected() {
        StorageNodeInfo a = new StorageNodeInfo(new NodeId("a"), "http://a.example:9185", Ed25519PublicKey.of(new byte[32]),
                1_000, Optional.of(A_PIN));
        StorageNodeInfo b = new StorageNodeInfo(new NodeId("b"), "http://b.example:9186", Ed25519PublicKey.of(new byte[32]),
                500);
        Committee current = new Committee(new Epoch(4), List.of(a), List.of(a.id(), a.id(), a.id(), a.id()));
        Committee next = new Committee(new Epoch(5), List.of(a, b), List.of(a.id(), b.id(), a.id(), b.id()));
        return new EpochCommittees(EpochState.NEXT_PARAMS_SELECTED, START, Duration.ofSeconds(30), current,
                Optional.empty(), Optional.of(next), Set.of());
    }
}
