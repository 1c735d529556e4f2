package io.floe.cluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The self-healing keys of reference.conf parse into typed settings, and bad values fail with their key. */
class FloeSettingsRecoveryTest {
    private static Config member(String overrides) {
        return ConfigFactory.parseString(overrides + "\nfloe.member { id = node-1, data-dir = /tmp/floe-settings-test }"
                + "\nfloe.network.genesis-nodes = [{ id = node-1, stake = 1 }]")
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void readsTheDocumentedDefaults() {
        FloeSettings settings = FloeSettings.from(member(""));
        FloeSettings.Recovery r = settings.recovery();
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
        assertEquals(new FloeSettings.Scrub(50, Duration.ofHours(1)), settings.scrub());
    }

    @Test
    void zeroTurnsScrubbingOffAndOverridesApply() {
        FloeSettings settings = FloeSettings.from(member("floe.scrub.slivers-per-second = 0\nfloe.recovery.grace = 0s"));
        assertEquals(0, settings.scrub().sliversPerSecond());
        assertEquals(Duration.ZERO, settings.recovery().grace());
    }

    @Test
    void refusesValuesThatMakeNoSense() {
        assertBad("floe.recovery.parallelism = 0", "floe.recovery.parallelism");
        assertBad("floe.recovery.retry-backoff-max = 1s", "floe.recovery.retry-backoff-max");
        assertBad("floe.recovery.grace = -1s", "floe.recovery.grace");
        assertBad("floe.scrub.slivers-per-second = -5", "floe.scrub.slivers-per-second");
    }

    private static void assertBad(String override, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> FloeSettings.from(member(override)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
