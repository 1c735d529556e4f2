package io.floe.cluster.downing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArteryProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aListeningPortIsAccepted() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(ArteryProbe.Outcome.ACCEPTED, ArteryProbe.probe("127.0.0.1", server.getLocalPort(), TIMEOUT));
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        assertEquals(ArteryProbe.Outcome.REFUSED, ArteryProbe.probe("127.0.0.1", port, TIMEOUT));
    }

    @Test
    void anUnknownHostProvesNothing() {
        assertEquals(ArteryProbe.Outcome.NO_ANSWER, ArteryProbe.probe("no-such-host.invalid", 25520, TIMEOUT));
    }
}
