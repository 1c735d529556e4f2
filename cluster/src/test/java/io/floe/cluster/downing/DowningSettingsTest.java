package io.floe.cluster.downing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DowningSettingsTest {
    private static Config member(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()).resolve();
    }

    @Test
    void defaultsFenceWellBeforeTheResolverDowns() {
        DowningSettings s = DowningSettings.from(member(""));
        Duration stableAfter = member("").getDuration("pekko.cluster.split-brain-resolver.stable-after");
        assertTrue(s.proofOfDeath());
        assertTrue(s.fenceAfter().plusSeconds(1).compareTo(stableAfter) <= 0, s + " vs " + stableAfter);
        assertEquals(Duration.ofSeconds(1), s.removalMargin());
    }

    @Test
    void refusesAFenceThatComesAfterTheMajorityDowns() {
        ConfigException e = assertThrows(ConfigException.class, () -> DowningSettings.from(member(
                "floe.downing.fence-after = 5s, pekko.cluster.split-brain-resolver.stable-after = 5s")));
        assertTrue(e.getMessage().contains("floe.downing.fence-after"), e.getMessage());
    }
}
