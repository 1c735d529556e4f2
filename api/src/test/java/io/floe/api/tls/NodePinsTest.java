package io.floe.api.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.tls.TlsFingerprint;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which pin an address gets: the node whose storage URL names that host and port, however the host is written. */
class NodePinsTest {
    private static final TlsFingerprint PIN = new TlsFingerprint("ab".repeat(TlsFingerprint.LENGTH));
    private static final Ed25519PublicKey KEY = Ed25519PublicKey.of(Ed25519.generate().getPublic());

    @Test
    void anIpv6NodeIsServedAtItsAddressWithoutBrackets() {
        StorageNodeInfo node = new StorageNodeInfo(new NodeId("n"), "https://[fd00::1]:9185", KEY, 1,
                Optional.of(PIN));
        assertTrue(NodePins.serves(node, "fd00::1", 9185), "the engine's peer host has no brackets");
        assertTrue(NodePins.serves(node, "[fd00::1]", 9185));
        assertTrue(NodePins.serves(node, "fd00:0:0:0:0:0:0:1", 9185), "another spelling of the same address");
        assertFalse(NodePins.serves(node, "fd00::2", 9185));
        assertFalse(NodePins.serves(node, "fd00::1", 9186));
    }

    @Test
    void namesAndIpv4AddressesCompareAsBefore() {
        assertTrue(NodePins.serves("https://Node-1.example:9185", "node-1.EXAMPLE", 9185));
        assertTrue(NodePins.serves("https://10.0.0.5", "10.0.0.5", 443), "an https URL without a port means 443");
        assertFalse(NodePins.serves("https://10.0.0.5:9185", "10.0.0.6", 9185));
        assertFalse(NodePins.serves("not a url", "10.0.0.5", 9185));
    }

    @Test
    void bareHostStripsOnlyUrlBrackets() {
        assertEquals("fd00::1", NodePins.bareHost("[fd00::1]"));
        assertEquals("fd00::1", NodePins.bareHost("fd00::1"));
        assertEquals("node-1", NodePins.bareHost("node-1"));
    }

    @Test
    void pinsByUrlAsTheGatewayShowsThem() {
        NodePins pins = NodePins.ofUrls(Map.of("https://[::1]:9185", PIN));
        assertEquals(Optional.of(PIN), pins.pinFor("0:0:0:0:0:0:0:1", 9185));
        assertEquals(Optional.empty(), pins.pinFor("127.0.0.1", 9185));
    }
}
