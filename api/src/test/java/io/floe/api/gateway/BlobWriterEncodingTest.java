package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer stores whatever its {@link BlobWriter.Encoding} produced and closes it once the store ends, after
 * success and after failure (so an {@link io.floe.encoding.redstuff.EncodedBlobFile}'s sliver file is deleted), and
 * reads every sliver it uploads from it; an encoding that fails with an I/O error fails the store.
 */
class BlobWriterEncodingTest {
    private final BlobWriterFixture fixture = new BlobWriterFixture("writer-encoding");
    private final byte[] blob = new byte[50_000];

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void closesTheEncodingAfterAStoreThatSucceeded() throws Exception {
        AtomicReference<CountingSlivers> made = new AtomicReference<>();

        StoreOutcome outcome = store(made);

        assertInstanceOf(StoreOutcome.NewlyCreated.class, outcome);
        assertEquals(1, made.get().closes.get());
        assertEquals(2 * BlobWriterFixture.N, made.get().sliverReads.get(), "each sliver read once, for its node");
    }

    @Test
    void closesTheEncodingAfterAStoreThatFailed() {
        fixture.control.certification = (committee, confirmations) -> CompletableFuture.failedFuture(
                new StoreFailedException("certification refused by the test"));
        AtomicReference<CountingSlivers> made = new AtomicReference<>();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> store(made));

        assertInstanceOf(StoreFailedException.class, failed.getCause());
        assertEquals(1, made.get().closes.get());
    }

    @Test
    void failsTheStoreWhenTheEncodingCannotBeRead() {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> fixture.writer.store(blob.length,
                config -> {
                    throw new IOException("disk gone");
                }, params()).toCompletableFuture().get(20, TimeUnit.SECONDS));

        assertInstanceOf(UncheckedIOException.class, failed.getCause());
        assertEquals(0, fixture.control.registerCalls.size(), "nothing was paid for a blob never encoded");
    }

    private StoreOutcome store(AtomicReference<CountingSlivers> made) throws Exception {
        new Random(7).nextBytes(blob);
        return fixture.writer.store(blob.length, config -> {
            made.set(new CountingSlivers(new BlobEncoder(new EncodingConfig(config.nShards())).encode(blob)));
            return made.get();
        }, params()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Permanent: the fake nodes confirm permanent blobs only. */
    private static StoreParameters params() {
        return new StoreParameters(1, false, false);
    }
}
