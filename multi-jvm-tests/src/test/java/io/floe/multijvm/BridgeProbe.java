package io.floe.multijvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether one test namespace reaches another over the bridge, asked before anything heavy starts there: a TCP
 * listener in one namespace and a client in the other, each a tiny JVM of this class started behind the namespace's
 * {@link NetworkNamespaces#prefix} (the machine may have neither {@code ping} nor {@code nc}; it has java). Traffic
 * between two bridge ports is forwarded, not delivered to this host, so a host whose firewall sees bridged frames
 * ({@code br_netfilter} with a FORWARD policy of DROP, as Docker sets) drops it while the test JVM's own address on
 * the bridge still answers.
 *
 * <p>Invariant: {@link #unreachable} returns within {@link #REACH} plus the start of two small JVMs, and leaves no
 * probe process running.
 */
final class BridgeProbe {
    /** A fresh namespace has every port free. */
    private static final int PORT = 15015;
    private static final Duration REACH = Duration.ofSeconds(15);
    /** For two JVMs to start on a loaded machine. */
    private static final Duration JVM_SLACK = Duration.ofSeconds(45);
    private static final int CONNECT_MILLIS = 2_000;
    private static final int RETRY_MILLIS = 100;
    private static final byte HELLO = 'k';
    private static final Path BRIDGE_NF = Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables");

    private BridgeProbe() {
    }

    /**
     * Empty when a TCP connection from host {@code from} to host {@code to} opens and carries a byte within
     * {@link #REACH}; otherwise why not, with what on this machine may filter it. Throws when the probe itself fails.
     */
    static Optional<String> unreachable(NetworkNamespaces hosts, String from, String to) throws IOException {
        String address = hosts.address(to);
        Process listener = start(hosts.prefix(to), "listen", address);
        try {
            Process client = start(hosts.prefix(from), "connect", address);
            String said = awaitExit(client, REACH.plus(JVM_SLACK));
            if (client.isAlive() || client.exitValue() != 0) {
                if (!listener.isAlive() && listener.exitValue() != 0) {
                    throw new IOException("the probe listener in " + to + " failed: " + output(listener));
                }
                return Optional.of(NetworkNamespaces.namespace(from) + " did not reach " + address + ":" + PORT + " in "
                        + NetworkNamespaces.namespace(to) + " over " + NetworkNamespaces.BRIDGE + " within "
                        + REACH.toSeconds() + " s (" + said + "); " + suspect());
            }
            return Optional.empty();
        } finally {
            listener.destroyForcibly();
        }
    }

    /** The usual cause, named as precisely as this machine lets us see. */
    private static String suspect() {
        String nf = "absent";
        try {
            nf = Files.readString(BRIDGE_NF).trim();
        } catch (IOException noBrNetfilter) {
            // br_netfilter not loaded: bridged frames skip iptables, so something else filters them.
        }
        if (nf.equals("1")) {
            return "br_netfilter is loaded and passes bridged traffic to iptables (" + BRIDGE_NF + " = 1), whose"
                    + " FORWARD chain drops it, e.g. Docker's FORWARD policy DROP; `iptables -I FORWARD -i "
                    + NetworkNamespaces.BRIDGE + " -o " + NetworkNamespaces.BRIDGE + " -j ACCEPT` lets it through";
        }
        return "something on this machine filters traffic between bridge ports (" + BRIDGE_NF + ": " + nf + ")";
    }

    private static Process start(List<String> prefix, String mode, String address) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-XX:TieredStopAtLevel=1", "-cp", classesDir(), BridgeProbe.class.getName(), mode, address));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** The folder or jar this class was loaded from; the probe needs nothing else. */
    private static String classesDir() throws IOException {
        try {
            return Path.of(BridgeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the test classes", e);
        }
    }

    /** Waits for {@code p} to end, at most {@code bound} (then kills it); what it printed. */
    private static String awaitExit(Process p, Duration bound) throws IOException {
        try {
            if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "the probe client did not end within " + bound.toSeconds() + " s";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while probing the bridge", e);
        }
        return output(p);
    }

    private static String output(Process ended) throws IOException {
        return new String(ended.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    /** {@code listen ADDRESS}: answers one connection with a byte. {@code connect ADDRESS}: exit 0 once it got it. */
    public static void main(String[] args) throws IOException {
        InetSocketAddress at = new InetSocketAddress(args[1], PORT);
        if (args[0].equals("listen")) {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(at);
                server.setSoTimeout((int) REACH.plus(JVM_SLACK).toMillis());
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(HELLO);
                }
            }
            return;
        }
        System.out.println(connect(at));
        System.exit(0);
    }

    /**
     * Connects until a byte arrives or {@link #REACH} ends; a refused connection is retried (the listener's JVM may
     * still be starting), a dropped one times out. Exits 2 when it never got through.
     */
    private static String connect(InetSocketAddress at) {
        long deadline = System.nanoTime() + REACH.toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(at, CONNECT_MILLIS);
                s.setSoTimeout(CONNECT_MILLIS);
                InputStream in = s.getInputStream();
                if (in.read() == HELLO) {
                    return "reached " + at;
                }
                last = "connected to " + at + " but read no answer";
            } catch (IOException e) {
                last = e.toString();
            }
            pause();
        }
        System.out.println("last attempt: " + last);
        System.exit(2);
        return last;
    }

    /** Between two attempts, so a refused connection (instant) does not spin. */
    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
