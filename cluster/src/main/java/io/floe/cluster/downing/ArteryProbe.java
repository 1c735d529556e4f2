package io.floe.cluster.downing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.Address;

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

    /** Probes the Artery port of {@code member}; an address without host and port proves nothing. */
    static Outcome probe(Address member, Duration timeout) {
        if (member.host().isEmpty() || member.port().isEmpty()) {
            return Outcome.NO_ANSWER;
        }
        return probe(member.host().get(), (Integer) member.port().get(), timeout);
    }

    /**
     * One daemon thread for an actor's probes: a probe blocks for up to its timeout, which must not hold a thread of
     * the actor system's dispatcher.
     */
    static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
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
