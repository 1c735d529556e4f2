package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
