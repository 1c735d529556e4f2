package io.floe.node.healing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The self-healing keys of reference.conf parse into typed settings, and bad values fail with their key. */
class RecoverySettingsTest {
    private static Config member(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void readsTheDocumentedDefaults() {
        RecoverySettings r = RecoverySettings.from(member(""));
        assertEquals(Duration.ofSeconds(5), r.grace());
        assertEquals(4, r.parallelism());
        assertEquals(Duration.ofSeconds(2), r.retryBackoffMin());
        assertEquals(Duration.ofMinutes(2), r.retryBackoffMax());
        assertEquals(Duration.ofSeconds(1), r.feedBackoffMin());
        assertEquals(Duration.ofSeconds(30), r.feedBackoffMax());
        assertEquals(4, r.symbolRequests());
        assertEquals(Duration.ofSeconds(10), r.requestTimeout());
        assertTrue(r.proofFreeFirst());
        assertEquals(Duration.ofMillis(500), r.busyRetryDelay());
        assertEquals(Duration.ofSeconds(10), r.reportTimeout());
        assertEquals(32L << 20, r.batchBytes());
        assertEquals(new ScrubSettings(50, Duration.ofHours(1)), ScrubSettings.from(member("")));
    }

    @Test
    void zeroTurnsScrubbingOffAndOverridesApply() {
        Config config = member("floe.scrub.slivers-per-second = 0\nfloe.recovery.grace = 0s");
        assertEquals(0, ScrubSettings.from(config).sliversPerSecond());
        assertEquals(Duration.ZERO, RecoverySettings.from(config).grace());
    }

    @Test
    void refusesValuesThatMakeNoSense() {
        assertBad("floe.recovery.parallelism = 0", "floe.recovery.parallelism");
        assertBad("floe.recovery.retry-backoff-max = 1s", "floe.recovery.retry-backoff-max");
        assertBad("floe.recovery.grace = -1s", "floe.recovery.grace");
        assertBad("floe.scrub.slivers-per-second = -5", "floe.scrub.slivers-per-second");
    }

    @Test
    void doublesTheRetryDelayUpToItsMaximum() {
        RecoverySettings r = RecoverySettings.from(member(
                "floe.recovery { retry-backoff-min = 1s, retry-backoff-max = 5s }"));
        assertEquals(Duration.ofSeconds(1), r.retryDelay(1));
        assertEquals(Duration.ofSeconds(4), r.retryDelay(3));
        assertEquals(Duration.ofSeconds(5), r.retryDelay(40));
    }

    private static void assertBad(String override, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> {
            Config config = member(override);
            RecoverySettings.from(config);
            ScrubSettings.from(config);
        });
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
