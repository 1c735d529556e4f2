package io.floe.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.floe.persistence.keys.NodeTlsIdentity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageApiSettingsTest {
    private static Config member(String own) {
        return ConfigFactory.parseString(own).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void announcesTheBoundAddressByDefault() {
        StorageApiSettings s = StorageApiSettings.from(member("floe.storage-api { host = \"10.77.15.11\", port = 9200 }"));
        assertEquals("10.77.15.11", s.host());
        assertEquals("http://10.77.15.11:9200", s.publicUrl());
    }

    @Test
    void bracketsAnIpv6HostInTheAnnouncedUrl() {
        StorageApiSettings s = StorageApiSettings.from(member("floe.storage-api { host = \"fd00::7\", port = 9200 }"));
        assertEquals("http://[fd00::7]:9200", s.publicUrl());
    }

    @Test
    void anIpv6NodeGetsItsCertificateForTheAddressWithoutBrackets(@TempDir Path data) {
        StorageApiSettings s = read("floe.tls.node-api = on\nfloe.storage-api { host = \"fd00::7\", port = 9200 }");
        assertEquals("https://[fd00::7]:9200", s.publicUrl());
        assertEquals("fd00::7", s.certificateHost());
        assertEquals("node-1.example", read("floe.storage-api.public-url = \"http://node-1.example:9185\"")
                .certificateHost());
        // Bouncy Castle refuses "[fd00::7]" as an IP address name; the bare literal makes a certificate.
        assertTrue(NodeTlsIdentity.loadOrCreate(data, s.certificateHost()).fingerprint().hex().length() > 0);
    }

    @Test
    void refusesAWildcardHostWithoutAPublicUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorageApiSettings.from(member("floe.storage-api.host = \"0.0.0.0\"")));
        assertTrue(e.getMessage().contains("FLOE_STORAGE_API_PUBLIC_URL"), e.getMessage());
    }

    @Test
    void announcesThePublicUrlOfAWildcardHost() {
        StorageApiSettings s = StorageApiSettings.from(member(
                "floe.storage-api { host = \"0.0.0.0\", public-url = \"http://node-1.example:9185\" }"));
        assertEquals("0.0.0.0", s.host());
        assertEquals("http://node-1.example:9185", s.publicUrl());
    }

    private static StorageApiSettings read(String member) {
        Config root = ConfigFactory.parseString(member).withFallback(ConfigFactory.defaultReference()).resolve();
        return StorageApiSettings.from(root);
    }

    @Test
    void plainHttpByDefault() {
        StorageApiSettings api = read("floe.storage-api.port = 9200");
        assertFalse(api.tls());
        assertEquals("http://127.0.0.1:9200", api.publicUrl());
    }

    @Test
    void nodeApiFollowsTheMembersTlsSwitch() {
        StorageApiSettings api = read("floe.tls.enabled = on\nfloe.storage-api.port = 9200");
        assertTrue(api.tls());
        assertEquals("https://127.0.0.1:9200", api.publicUrl());
    }

    @Test
    void nodeApiKeyOverridesTheSwitch() {
        assertFalse(read("floe.tls.enabled = on\nfloe.tls.node-api = off").tls());
        assertTrue(read("floe.tls.node-api = on").tls());
    }

    @Test
    void refusesPublicUrlOfTheOtherScheme() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("floe.tls.node-api = on\nfloe.storage-api.public-url = \"http://node-1:9185\""));
        assertTrue(e.getMessage().contains("https:"), e.getMessage());
    }
}
