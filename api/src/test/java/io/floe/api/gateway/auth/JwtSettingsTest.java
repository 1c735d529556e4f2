package io.floe.api.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code floe.gateway.jwt}: off by default, Walrus's reading of the secret, keys checked at start-up. */
class JwtSettingsTest {
    @Test
    void isOffByDefaultWithWalrussCacheDefaults() {
        JwtSettings settings = JwtSettings.from(ConfigFactory.load());

        assertFalse(settings.enabled());
        assertTrue(settings.decodeKey().isEmpty());
        assertEquals(JwtAlgorithm.HS256, settings.algorithm());
        assertEquals(0, settings.expiringSeconds());
        assertFalse(settings.verifyUpload());
        assertEquals(10_000, settings.cacheSize());
        assertEquals(Duration.ofSeconds(5), settings.cacheRefresh());
    }

    @Test
    void readsASecretAsWalrusDoes() {
        assertArrayEquals(new byte[] {(byte) 0xff}, JwtSettings.decodeKey("0xff").orElseThrow());
        assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), JwtSettings.decodeKey("secret").orElseThrow());
        assertTrue(JwtSettings.decodeKey("").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> JwtSettings.decodeKey("0xf"));
        assertThrows(IllegalArgumentException.class, () -> JwtSettings.decodeKey("0xfg"));
    }

    @Test
    void readsAnEdDsaPublicKeyAndRefusesOneOfTheWrongLength() {
        JwtSettings eddsa = JwtSettings.from(jwt("algorithm = EdDSA, decode-secret = \"0x" + "ab".repeat(32) + "\""));
        assertEquals(JwtAlgorithm.EDDSA, eddsa.algorithm());
        assertEquals(32, eddsa.decodeKey().orElseThrow().length);

        ConfigException bad = assertThrows(ConfigException.class,
                () -> JwtSettings.from(jwt("algorithm = EdDSA, decode-secret = \"0xabcd\"")));
        assertTrue(bad.getMessage().contains("floe.gateway.jwt.decode-secret"), bad.getMessage());
    }

    @Test
    void refusesAlgorithmsItCannotVerifyByName() {
        ConfigException walrusOnly = assertThrows(ConfigException.class, () -> JwtSettings.from(jwt("algorithm = RS256")));
        assertTrue(walrusOnly.getMessage().contains("RS256 is a Walrus JWT algorithm"), walrusOnly.getMessage());
        assertThrows(ConfigException.class, () -> JwtSettings.from(jwt("algorithm = none")));
        assertThrows(ConfigException.class, () -> JwtSettings.from(jwt("expiring-seconds = -1")));
        assertThrows(ConfigException.class, () -> JwtSettings.from(jwt("replay-cache-size = 0")));
    }

    @Test
    void keepsTheSecretOutOfItsText() {
        JwtSettings settings = JwtSettings.from(jwt("enabled = true, decode-secret = \"hunter2\""));

        assertFalse(settings.toString().contains("hunter2"), settings.toString());
    }

    private static Config jwt(String settings) {
        return ConfigFactory.parseString("floe.gateway.jwt { " + settings + " }").withFallback(ConfigFactory.load());
    }
}
