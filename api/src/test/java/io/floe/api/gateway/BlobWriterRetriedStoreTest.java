package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.api.control.ControlPlaneException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store retried after it failed reuses the registration the failed one paid for (Walrus's
 * {@code reuseRegistration}): one charge, one registration, the second answer costs nothing.
 */
class BlobWriterRetriedStoreTest {
    private final BlobWriterFixture fixture = new BlobWriterFixture("writer-retried-store");
    private final StubControlPlane control = fixture.control;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRetryAfterAFailedStoreReusesItsRegistration() throws Exception {
        control.certification = (committee, confirmations) -> CompletableFuture.failedFuture(
                new ControlPlaneException.Unavailable("the Blob entity is moving", null));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> store(false));
        assertInstanceOf(ControlPlaneException.Unavailable.class, failed.getCause());
        control.certification = (committee, confirmations) -> CompletableFuture.completedFuture(null);

        StoreOutcome.NewlyCreated retried = assertInstanceOf(StoreOutcome.NewlyCreated.class, store(false));

        assertEquals(io.floe.protocol.blob.ResourceOperation.REUSE_REGISTRATION, retried.operation());
        assertEquals(0, retried.cost(), "the failed store paid already");
        assertEquals(1, control.registerCalls.size(), "one charge, one registration");
        assertEquals(control.registerCalls.get(0).objectId(), retried.registration().objectId());
        assertInstanceOf(StoreOutcome.AlreadyCertified.class, store(false), "and then it is certified");
    }

    @Test
    void aStoreOfTheOtherKindPaysForItsOwnRegistration() throws Exception {
        control.certification = (committee, confirmations) -> CompletableFuture.failedFuture(
                new ControlPlaneException.Unavailable("the Blob entity is moving", null));
        assertThrows(ExecutionException.class, () -> store(true));
        control.certification = (committee, confirmations) -> CompletableFuture.completedFuture(null);

        StoreOutcome.NewlyCreated permanent = assertInstanceOf(StoreOutcome.NewlyCreated.class, store(false));

        assertEquals(io.floe.protocol.blob.ResourceOperation.REGISTER_FROM_SCRATCH, permanent.operation());
        assertEquals(permanent.registration().cost(), permanent.cost());
        assertEquals(2, control.registerCalls.size(), "a deletable registration does not answer a permanent store");
    }

    private StoreOutcome store(boolean deletable) throws Exception {
        byte[] data = new byte[20_000];
        new Random(5).nextBytes(data);
        return fixture.writer.store(data, new StoreParameters(1, deletable, false)).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }
}
