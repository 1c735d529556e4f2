package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.api.control.ControlPlaneException;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes across a committee change: when certification fails because the committee moved on during the upload, or
 * nodes refuse shards as not theirs, the writer uploads again to the fresh committee and certifies, at most
 * {@link BlobWriter#COMMITTEE_RETRIES} more times; other failures are not retried.
 */
class BlobWriterAcrossEpochChangeTest {
    private static final int N = BlobWriterFixture.N;
    private final BlobWriterFixture fixture = new BlobWriterFixture("writer-epoch-change");
    private final List<FakeStorageNode> nodes = fixture.nodes;
    private final StubControlPlane control = fixture.control;
    private final BlobWriter writer = fixture.writer;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void uploadsAgainToTheNewCommitteeWhenTheOldOneCannotCertify() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        control.certification = (committee, confirmations) -> {
            if (calls.incrementAndGet() > 1) {
                return CompletableFuture.completedFuture(null);
            }
            // Two epochs passed during the upload: epoch 1's confirmations no longer certify.
            control.epochs = view(new Epoch(3));
            nodes.forEach(n -> n.signingEpoch = new Epoch(3));
            return CompletableFuture.failedFuture(new ControlPlaneException.NotEnoughConfirmations(0, N));
        };

        StoreOutcome outcome = store();

        assertInstanceOf(StoreOutcome.NewlyCreated.class, outcome);
        assertEquals(2, control.certifyCalls.size());
        nodes.forEach(n -> {
            assertEquals(1, n.held.get(), "held and confirmed for epoch 1's committee");
            assertEquals(1, n.uploads.get(), "then uploaded whole (one request for a small blob) to epoch 3's");
        });
    }

    @Test
    void uploadsAgainToTheNewCommitteeWhenNodesSignForANewerEpoch() throws Exception {
        // The nodes moved on to epoch 2 already; the gateway's first view is epoch 1's.
        nodes.forEach(n -> n.signingEpoch = new Epoch(2));
        control.certification = (committee, confirmations) -> CompletableFuture.completedFuture(null);
        CompletableFuture<StoreOutcome> stored = writer.store(original(), new StoreParameters(1, false, false))
                .toCompletableFuture();
        // The first round fails on invalid confirmations; by then the ledger says epoch 2.
        control.epochs = view(new Epoch(2));

        assertInstanceOf(StoreOutcome.NewlyCreated.class, stored.get(20, TimeUnit.SECONDS));
        assertEquals(1, control.certifyCalls.size());
    }

    @Test
    void retriesInTheSameEpochWhenANodeRefusedItsShardsAsNotItsOwn() throws Exception {
        // Node a has not seen the committee yet: it refuses the upload to hold, then the whole upload after it.
        nodes.get(0).refusals.set(2);

        assertInstanceOf(StoreOutcome.NewlyCreated.class, store());

        assertRetriedOnce(fixture);
        assertEquals(1, nodes.get(1).held.get());
        assertEquals(1, nodes.get(1).uploads.get(), "held in the first round, uploaded whole in the second");
    }

    @Test
    void retriesInTheSameEpochWhenANodeRefusedItsShardsWithoutHolding() throws Exception {
        try (BlobWriterFixture notHolding = new BlobWriterFixture("writer-epoch-change-no-hold", false)) {
            // Node a has not seen the committee yet and refuses its first request (the whole upload).
            notHolding.nodes.get(0).refusals.set(1);

            assertInstanceOf(StoreOutcome.NewlyCreated.class, notHolding.writer.store(original(),
                    new StoreParameters(1, false, false)).toCompletableFuture().get(20, TimeUnit.SECONDS));

            assertRetriedOnce(notHolding);
            assertEquals(0, notHolding.nodes.get(1).held.get());
            assertEquals(2, notHolding.nodes.get(1).uploads.get(), "uploaded whole in both rounds");
        }
    }

    /** Node a refused every request of the first round, the second round (same epoch) certified. */
    private static void assertRetriedOnce(BlobWriterFixture f) {
        assertEquals(1, f.control.certifyCalls.size());
        assertEquals(0, f.nodes.get(0).refusals.get(), "node a refused what it was sent");
        assertEquals(1, f.nodes.get(0).uploads.get(), "node a took the second round's upload");
    }

    @Test
    void givesUpAfterTwoMoreTries() {
        AtomicInteger epoch = new AtomicInteger(1);
        control.certification = (committee, confirmations) -> {
            Epoch next = new Epoch(epoch.addAndGet(2));
            control.epochs = view(next);
            nodes.forEach(n -> n.signingEpoch = next);
            return CompletableFuture.failedFuture(new ControlPlaneException.NotEnoughConfirmations(0, N));
        };

        ExecutionException e = assertThrows(ExecutionException.class, this::store);
        assertInstanceOf(ControlPlaneException.NotEnoughConfirmations.class, e.getCause());
        // The one-epoch registration ended with the first jump: one fresh registration gets its own tries.
        assertEquals(2 * (1 + BlobWriter.COMMITTEE_RETRIES), control.certifyCalls.size());
    }

    @Test
    void registersAgainWhenTheRegistrationEndedDuringTheUpload() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        control.certification = (committee, confirmations) -> {
            if (calls.incrementAndGet() <= 1 + BlobWriter.COMMITTEE_RETRIES) {
                // Epoch 2 began: the registration of epoch 1 for one epoch ended, and every try fails.
                control.epochs = view(new Epoch(2));
                nodes.forEach(n -> n.signingEpoch = new Epoch(2));
                return CompletableFuture.failedFuture(new ControlPlaneException.NotEnoughConfirmations(0, N));
            }
            return CompletableFuture.completedFuture(null);
        };

        StoreOutcome outcome = store();

        StoreOutcome.NewlyCreated created = assertInstanceOf(StoreOutcome.NewlyCreated.class, outcome);
        assertEquals(new Epoch(3), created.registration().endEpoch(), "registered again in epoch 2, for one epoch");
    }

    @Test
    void retriesABoundedNumberOfTimesWhenTheBlobEntityCountsTooFew() {
        control.certification = (committee, confirmations) ->
                CompletableFuture.failedFuture(new ControlPlaneException.NotEnoughConfirmations(0, N));

        ExecutionException e = assertThrows(ExecutionException.class, this::store);
        assertInstanceOf(ControlPlaneException.NotEnoughConfirmations.class, e.getCause());
        // The gateway verified a quorum itself: the entity judged by another epoch's committee, so it tries again.
        assertEquals(1 + BlobWriter.COMMITTEE_RETRIES, control.certifyCalls.size());
    }

    private StoreOutcome store() throws Exception {
        return writer.store(original(), new StoreParameters(1, false, false)).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }

    private EpochCommittees view(Epoch epoch) {
        return fixture.view(epoch);
    }

    private static byte[] original() {
        byte[] data = new byte[20_000];
        new Random(3).nextBytes(data);
        return data;
    }
}
