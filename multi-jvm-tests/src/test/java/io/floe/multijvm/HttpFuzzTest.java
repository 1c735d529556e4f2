package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.HostileAnswers;
import io.floe.api.RawHttp;
import io.floe.encoding.metadata.BlobId;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Property: whatever a client sends (generated paths, parameters, headers, bodies, chunked encodings, BCS with random
 * lengths and indices; {@link HttpFuzzCases}), the gateway and the storage nodes of a real network answer 2xx or 4xx,
 * every error in the JSON shape without a Java class name; afterwards they still store and serve, and none of the
 * generated blob IDs is known to any of them. Seeded: a failure prints its seed and request, so it replays.
 */
@MultiJvmTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HttpFuzzTest {
    private static final int NODES = 4;
    private static final int SHARDS = 10;
    private static final int CASES = Integer.getInteger("floe.fuzz.cases", 250);
    private static final long SEED = Long.getLong("floe.fuzz.seed", System.nanoTime());
    private static final Duration READ = Duration.ofSeconds(30);

    @RegisterExtension
    static final FloeNetworkExtension NETWORK = FloeNetworkExtension.shared(NetworkSpec.of(NODES, SHARDS));

    private static FloeNetwork network;
    private static Gateway gateway;
    private static BlobId stored;

    @BeforeAll
    static void connect() {
        network = NETWORK.network();
        gateway = new Gateway(network.gatewayUrl());
        stored = gateway.store(Blobs.random(4242, 3000), "").blobId();
    }

    @Test
    void answersEveryGeneratedRequestWith2xxOr4xxInTheErrorShape() {
        System.out.println("HttpFuzzTest seed " + SEED + " (-Dfloe.fuzz.seed=" + SEED + " replays it)");
        HttpFuzzCases cases = new HttpFuzzCases(new Random(SEED), stored, SHARDS);
        List<String> targets = new ArrayList<>();
        targets.add(network.gatewayUrl());
        for (int i = 0; i < NODES; i++) {
            targets.add(network.nodeUrl(i));
        }
        for (int i = 0; i < CASES; i++) {
            boolean toGateway = i % 2 == 0;
            String target = toGateway ? targets.get(0) : targets.get(1 + (i / 2) % NODES);
            HttpFuzzCases.Case request = toGateway ? cases.gatewayCase() : cases.nodeCase();
            check(target, request, i);
        }
        assertStillServing();
        assertNothingOfTheGeneratedIdsStored(cases.generatedIds());
    }

    private static void check(String target, HttpFuzzCases.Case request, int i) {
        String what = "case " + i + " (seed " + SEED + ") to " + target + ": " + request.describe();
        RawHttp.Response response;
        try {
            response = RawHttp.exchange(URI.create(target), request.bytes(), READ);
        } catch (RuntimeException e) {
            throw new AssertionError("no answer to " + what, e);
        }
        assertTrue(response.status() >= 200 && response.status() < 500, () -> what + " -> " + response);
        if (response.status() >= 400) {
            try {
                HostileAnswers.assertErrorShape(response.headers().get("content-type"), response.body(), null);
            } catch (AssertionError e) {
                throw new AssertionError(what + " -> " + response, e);
            }
        }
    }

    private static void assertStillServing() {
        for (int i = 0; i < NODES; i++) {
            assertEquals(200, Http.get(network.nodeUrl(i) + "/v1/health", READ).status(), "node " + i);
        }
        byte[] blob = Blobs.random(SEED, 5000);
        BlobId id = gateway.store(blob, "").blobId();
        assertTrue(java.util.Arrays.equals(blob, gateway.read(id).body()), "a store after the fuzzing reads back");
    }

    /** None of the random IDs the cases used (every request about them was refused) is registered or stored. */
    private static void assertNothingOfTheGeneratedIdsStored(Set<BlobId> ids) {
        Set<BlobId> sample = new HashSet<>();
        for (BlobId id : ids) {
            if (sample.size() < 40) {
                sample.add(id);
            }
        }
        for (BlobId id : sample) {
            assertEquals("nonexistent", gateway.blobStatus(id).path("status").asText(), id.toString());
            for (int i = 0; i < NODES; i++) {
                Http.Response status = Http.get(network.nodeUrl(i) + "/v1/blobs/" + id + "/metadata/status", READ);
                assertEquals("Nonexistent", status.json().path("success").path("data").asText(), status::text);
            }
        }
    }
}
