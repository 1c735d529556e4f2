package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.encoding.metadata.BlobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idempotent stores on real member JVMs (4 storage nodes, 10 shards: a certificate needs 7 shards, and any two nodes
 * hold at least 4): a store made while two nodes are stopped pays for its registration and fails with Walrus's 504
 * {@code INSUFFICIENT_CONFIRMATIONS}; the same
 * bytes stored again once the nodes are back reuse that registration (Walrus's {@code reuseRegistration}, cost 0),
 * so the blob has one registration, now certified, and the gateway account was charged once.
 */
@MultiJvmTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RetriedStoreTest {
    private static final Duration BOUND = Duration.ofSeconds(90);

    /** Shared with the other classes of this shape: every node runs again when the test ends. */
    @RegisterExtension
    static final FloeNetworkExtension NETWORK = FloeNetworkExtension.shared(NetworkSpec.of(4, 10));

    @Test
    void aStoreRetriedAfterItFailedIsChargedOnceAndRegisteredOnce() throws Exception {
        FloeNetwork network = NETWORK.network();
        Gateway gateway = new Gateway(network.gatewayUrl());
        byte[] blob = Blobs.random(1212, 48_000);
        BlobId id = Blobs.idOf(blob, 10);
        long before = balance(gateway);
        List<Integer> stopped = twoNodesOtherThanJournalOwner(network);
        stopped.forEach(network::stop);

        JsonNode pending = Await.value(BOUND, () -> failedStoreLeftARegistration(gateway, blob, id),
                "a store with two nodes stopped to fail after paying for its registration");
        long charged = pending.path("cost").asLong();
        assertTrue(charged > 0, () -> "the registration was paid for: " + pending);
        assertEquals(before - charged, balance(gateway), "one charge for the failed store");
        for (int node : stopped) {
            network.restart(node);
        }

        Gateway.StoreAnswer retried = gateway.store(blob, "");
        JsonNode created = retried.json().path("newlyCreated");
        assertTrue(created.path("resourceOperation").has("reuseRegistration"), () -> retried.json().toString());
        assertEquals(0, created.path("cost").asLong(), "the retry pays nothing");
        assertEquals(pending.path("objectId").asText(), retried.objectId(), "the pending registration is certified");
        JsonNode registrations = gateway.blobStatus(id).path("registrations");
        assertEquals(1, registrations.size(), () -> "one registration: " + registrations);
        assertEquals(List.of(retried.objectId()), gateway.certifiedRegistrations(id));
        assertEquals(before - charged, balance(gateway), "still one charge after the retry");
        assertArrayEquals(blob, gateway.read(id).body());
    }

    /**
     * Stores {@code blob}, which must not succeed, and answers the blob's registration once a store failed for want
     * of confirmations (Walrus's 504 {@code INSUFFICIENT_CONFIRMATIONS}) and left one (a store may fail with 503
     * before paying while the control plane moves off the stopped nodes; it is then tried again).
     */
    private static Optional<JsonNode> failedStoreLeftARegistration(Gateway gateway, byte[] blob, BlobId id) {
        Http.Response r = gateway.put(blob, "");
        if (!Blobs.retriableStoreFailure(r)) {
            throw new AssertionError("a store without a quorum of shards answered " + r.status() + ": " + r.excerpt());
        }
        if (r.status() != 504) {
            return Optional.empty();
        }
        Blobs.assertError(r, 504, "INSUFFICIENT_CONFIRMATIONS");
        Http.Response status = gateway.blobStatusResponse(id);
        if (status.status() != 200 || status.json().path("registrations").isEmpty()) {
            return Optional.empty();
        }
        JsonNode registrations = status.json().path("registrations");
        assertEquals(1, registrations.size(), () -> "failed stores reuse one registration: " + registrations);
        assertTrue(registrations.get(0).path("certifiedEpoch").isNull(), () -> "not certified: " + registrations);
        return Optional.of(registrations.get(0));
    }

    /** The gateway account's balance, once the ledger answers (it may be moving off a stopped node). */
    private static long balance(Gateway gateway) {
        return Await.value(BOUND, () -> {
            Http.Response r = Http.get(gateway.url() + "/status", Gateway.TIMEOUT);
            return r.status() == 200 ? Optional.of(r.json().path("gatewayBalance").asLong()) : Optional.empty();
        }, "the gateway's balance");
    }

    /** Two nodes that do not serve the journal file: stopping its host would add an H2 fail-over to the test. */
    private static List<Integer> twoNodesOtherThanJournalOwner(FloeNetwork network) {
        int owner = network.journalOwner().orElse(-1);
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < 4 && nodes.size() < 2; i++) {
            if (i != owner) {
                nodes.add(i);
            }
        }
        return nodes;
    }
}
