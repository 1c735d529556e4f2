package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.control.ControlPlaneException;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A small blob is sent to the nodes to hold while it is registered ({@code upload-while-registering}); once it is
 * registered the nodes are asked only for their confirmations, and a node whose held upload failed gets the whole
 * upload. Certification still waits for the confirmations, which come only after the registration.
 */
class BlobWriterHoldsWhileRegisteringTest {
    private final BlobWriterFixture fixture = new BlobWriterFixture("holds-while-registering");

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void nodesHoldTheUploadBeforeTheRegistrationAndConfirmAfterIt() throws Exception {
        CompletableFuture<Void> ledger = new CompletableFuture<>();
        fixture.control.registering = ledger;

        CompletionStage<StoreOutcome> store = fixture.writer.store(blob(1024), new StoreParameters(1, false, false));
        awaitHeldOnEveryNode();
        int confirmationsBeforeRegistration = confirmations();
        int certificationsBeforeRegistration = fixture.control.certifyCalls.size();
        ledger.complete(null);
        StoreOutcome outcome = store.toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertInstanceOf(StoreOutcome.NewlyCreated.class, outcome);
        assertEquals(0, confirmationsBeforeRegistration, "no confirmation is asked before the registration");
        assertEquals(0, certificationsBeforeRegistration);
        for (FakeStorageNode node : fixture.nodes) {
            assertEquals(1, node.held.get(), "one held upload per node");
            assertEquals(1, node.confirmations.get(), "then only the confirmation");
            assertEquals(0, node.uploads.get(), "no upload besides the held one");
        }
        assertEquals(1, fixture.control.certifyCalls.size());
    }

    @Test
    void aNodeThatRefusedToHoldGetsTheWholeUploadAfterTheRegistration() throws Exception {
        FakeStorageNode refusing = fixture.nodes.get(0);
        refusing.refusals.set(1);

        StoreOutcome outcome = fixture.writer.store(blob(1024), new StoreParameters(1, false, false)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        assertInstanceOf(StoreOutcome.NewlyCreated.class, outcome);
        assertEquals(1, refusing.held.get());
        assertEquals(1, refusing.uploads.get(), "the refused held upload is not counted, the whole upload is");
        assertEquals(2, fixture.control.certifyCalls.get(0).size(), "both nodes confirmed");
    }

    @Test
    void aStoreOfACertifiedBlobHoldsNothing() throws Exception {
        byte[] bytes = blob(1024);
        fixture.writer.store(bytes, new StoreParameters(1, false, false)).toCompletableFuture().get(30, TimeUnit.SECONDS);

        StoreOutcome again = fixture.writer.store(bytes, new StoreParameters(1, false, false)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        assertInstanceOf(StoreOutcome.AlreadyCertified.class, again);
        for (FakeStorageNode node : fixture.nodes) {
            assertEquals(1, node.held.get(), "only the first store held an upload");
        }
    }

    @Test
    void aRefusedRegistrationAnswersItsErrorAndLetsGoWithoutWaitingForTheHolds() throws Exception {
        CountDownLatch answerHold = new CountDownLatch(1);
        fixture.nodes.get(0).slowHolds = answerHold;
        fixture.control.registering = CompletableFuture.failedFuture(
                new ControlPlaneException.InsufficientFunds("gateway", 0, 1));
        byte[] bytes = blob(1024);
        try {
            BlobWriter.Running store = fixture.writer.start(bytes.length,
                    config -> new BlobEncoder(config).encode(bytes), new StoreParameters(1, false, false));

            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> store.outcome().toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertInstanceOf(ControlPlaneException.InsufficientFunds.class, e.getCause());
            // Node a has not answered its upload to hold (the node timeout is 10 s): the store lets go of its slivers
            // and budget all the same.
            store.released().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(1, answerHold.getCount(), "node a had not been let answer");
            assertEquals(0, confirmations(), "nothing registered, no confirmation asked");
            fixture.nodes.forEach(node -> assertEquals(0, node.uploads.get()));
        } finally {
            answerHold.countDown();
        }
    }

    @Test
    void aNodeThatDidNotAnswerItsHoldIsNotSentTheUploadAgain() throws Exception {
        try (DroppingNode dropping = new DroppingNode()) {
            List<StorageNodeInfo> members = List.of(dropping.info(), fixture.nodes.get(1).info());
            List<NodeId> owners = new ArrayList<>();
            for (int k = 0; k < BlobWriterFixture.N; k++) {
                owners.add(members.get(k % 2).id());
            }
            fixture.control.epochs = EpochCommittees.genesis(new Committee(Epoch.GENESIS, members, owners),
                    Instant.now(), Duration.ofMinutes(1));

            assertThrows(ExecutionException.class, () -> fixture.writer.store(blob(1024),
                    new StoreParameters(1, false, false)).toCompletableFuture().get(60, TimeUnit.SECONDS));

            assertFalse(dropping.requests.isEmpty(), "the node was sent its upload to hold");
            dropping.requests.forEach(request -> assertTrue(request.contains("/floe-upload/pending "),
                    "only holds, no whole upload after them: " + request));
        }
    }

    private void awaitHeldOnEveryNode() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fixture.nodes.stream().anyMatch(n -> n.held.get() == 0)) {
            assertTrue(System.nanoTime() < deadline, "the nodes were never sent the upload to hold");
            Thread.sleep(10);
        }
    }

    private int confirmations() {
        return fixture.nodes.stream().mapToInt(n -> n.confirmations.get()).sum();
    }

    private static byte[] blob(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
