package io.floe.cluster.downing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * One TCP connection attempt to a member's Artery port, telling a refusal (nothing listens there: the process or
 * its actor system is gone) from anything else (accepted, or no answer in time: alive, frozen or cut off, which
 * proves nothing).
 */
final class ArteryProbe {
    /** What one attempt found. */
    enum Outcome { ACCEPTED, REFUSED, NO_ANSWER }

    private ArteryProbe() {
    }

    static Outcome probe(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return Outcome.ACCEPTED;
        } catch (ConnectException refused) {
            // "Connection refused": the peer's kernel answered with a reset, so no socket listens on that port.
            // A connect timeout is a SocketTimeoutException, not this, and proves nothing.
            return refused.getMessage() != null && refused.getMessage().contains("refused")
                    ? Outcome.REFUSED : Outcome.NO_ANSWER;
        } catch (IOException other) {
            return Outcome.NO_ANSWER;
        }
    }
}
