package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.redstuff.EncodingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A store's request timeout grows with its body: the request timeout plus the body at 1 MB/s, bounded by 6 h; an
 * undeclared length counts as its limit.
 */
class UploadSettingsTest {
    private static final Duration REQUEST = Duration.ofSeconds(50);
    private final UploadSettings settings = new UploadSettings(10 << 20, Path.of("spool"), 256 << 20);

    @Test
    void addsTheDeclaredBodyAtOneMegabytePerSecond() {
        assertEquals(REQUEST, settings.storeTimeout(REQUEST, false, 0));
        assertEquals(REQUEST.plusSeconds(149), settings.storeTimeout(REQUEST, true, 149_000_000),
                "a full chunk at n = 100");
        long fullChunkAt1000 = new EncodingConfig(1000).maxBlobSize();
        assertEquals(REQUEST.plusSeconds(fullChunkAt1000 / 1_000_000),
                settings.storeTimeout(REQUEST, true, fullChunkAt1000), "~4 h, within the bound");
    }

    @Test
    void boundsItAtSixHours() {
        assertEquals(Duration.ofHours(6), settings.storeTimeout(REQUEST, true, Long.MAX_VALUE / 2));
        assertEquals(Duration.ofHours(6), settings.storeTimeout(REQUEST, true, -1), "signed, auto limit, undeclared");
    }

    @Test
    void countsAnUndeclaredBodyAsItsLimit() {
        assertEquals(REQUEST.plusSeconds(10), settings.storeTimeout(REQUEST, false, -1));
        UploadSettings signedLimit = new UploadSettings(10 << 20, Path.of("spool"), 256 << 20,
                OptionalLong.of(100_000_000));
        assertEquals(REQUEST.plusSeconds(100), signedLimit.storeTimeout(REQUEST, true, -1));
    }

    @Test
    void neverShortensALongerConfiguredRequestTimeout() {
        Duration long7h = Duration.ofHours(7);
        assertEquals(long7h, settings.storeTimeout(long7h, false, 1 << 20));
    }
}
