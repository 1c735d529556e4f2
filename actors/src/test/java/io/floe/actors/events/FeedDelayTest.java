package io.floe.actors.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.floe.actors.blob.BlobEntity;
import io.floe.encoding.metadata.BlobId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The delay of a feed consumer: from each event's write to its handling, and the last one's as a gauge. */
class FeedDelayTest {
    private static final BlobId BLOB = BlobId.parse("RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY");

    @Test
    void recordsTheTimeFromWriteToHandling() {
        MeterRegistry registry = new SimpleMeterRegistry();
        FeedDelay delay = new FeedDelay(registry, "node", Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC));
        delay.handled(List.of(envelope(7_000), envelope(9_500), envelope(0)));

        assertEquals(2, registry.get(FeedDelay.DELAY).tag("processor", "node").timer().count(), "unknown times skipped");
        assertEquals(3.5, registry.get(FeedDelay.DELAY).timer().totalTime(TimeUnit.SECONDS), 1e-9);
        assertEquals(0.5, registry.get(FeedDelay.LAG).tag("processor", "node").gauge().value(), 1e-9);
    }

    @Test
    void oneInstancePerRegistryAndProcessor() {
        MeterRegistry registry = new SimpleMeterRegistry();
        assertSame(FeedDelay.of(registry, "read_side"), FeedDelay.of(registry, "read_side"));
    }

    private static BlobEventEnvelope envelope(long writtenAt) {
        return new BlobEventEnvelope(new FeedOffset("seq:1"), BLOB, 1, new BlobEntity.MarkedInvalid(io.floe.protocol.committee.Epoch.GENESIS, List.of()), writtenAt);
    }
}
