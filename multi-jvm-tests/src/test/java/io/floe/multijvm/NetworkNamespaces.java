package io.floe.multijvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts for a test on one Linux machine: a bridge {@value #BRIDGE} with the test's own address {@value #HOST_ADDRESS}
 * and, per host, a network namespace {@code floe-t-<name>} joined to it by a veth pair and given its own address in
 * {@value #SUBNET}0/24 (loopback up too, as on any host). A process started behind {@link #prefix} sees only its
 * namespace's interfaces, so it reaches another host only through that host's address on the bridge. Needs root
 * and {@code ip} ({@link #unavailable}).
 *
 * <p>Invariant: every namespace, veth and bridge it creates is named {@value #PREFIX}..., and {@link #close} (also
 * run by a JVM shutdown hook) removes them all, killing what still runs inside; it is created only by the holder of
 * the {@link NamespaceLock}, so {@link #create} may first remove any such thing a killed run left behind without
 * touching a live run's.
 */
final class NetworkNamespaces implements AutoCloseable {
    static final String PREFIX = "floe-t-";
    static final String BRIDGE = PREFIX + "br0";
    static final String SUBNET = "10.77.15.";
    static final String HOST_ADDRESS = SUBNET + "1";
    private static final Path IP = Path.of("/usr/sbin/ip");
    private static final long COMMAND_SECONDS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(NetworkNamespaces.class);

    /** Host name to its address; in creation order. */
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(NetworkNamespaces::removeAll, "floe-namespaces-remove");

    private NetworkNamespaces() {
    }

    /** Why namespaces cannot be made here (not root, no {@code ip}); empty when they can. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(IP)) {
            return Optional.of("the network-namespace test needs " + IP + " (iproute2)");
        }
        if (!isRoot()) {
            return Optional.of("the network-namespace test creates namespaces and a bridge, which needs root (runs as "
                    + System.getProperty("user.name") + ")");
        }
        return Optional.empty();
    }

    /** The user ID is 0 (the JDK's own Unix user look-up; namespaces are Linux-only anyway). */
    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (UnsatisfiedLinkError | RuntimeException notUnix) {
            return false;
        }
    }

    /**
     * Creates the bridge and one namespace per name of {@code hosts}, the i-th with address {@code SUBNET + (10+i)}
     * (so at most 200), after removing what a killed run left. On failure removes what it made and throws. The
     * caller keeps {@code held} until after {@link #close}.
     */
    static NetworkNamespaces create(NamespaceLock held, List<String> hosts) throws IOException {
        if (!held.isHeld()) {
            throw new IllegalStateException("the namespaces are made only under " + NamespaceLock.FILE);
        }
        removeAll();
        NetworkNamespaces made = new NetworkNamespaces();
        Runtime.getRuntime().addShutdownHook(made.shutdownHook);
        try {
            ip("link", "add", BRIDGE, "type", "bridge");
            ip("addr", "add", HOST_ADDRESS + "/24", "dev", BRIDGE);
            ip("link", "set", BRIDGE, "up");
            for (int i = 0; i < hosts.size(); i++) {
                made.addHost(i, hosts.get(i), SUBNET + (10 + i));
            }
            return made;
        } catch (IOException | RuntimeException e) {
            made.close();
            throw e;
        }
    }

    private void addHost(int i, String name, String address) throws IOException {
        String ns = namespace(name);
        String outside = PREFIX + "v" + i;
        String inside = PREFIX + "p" + i;
        ip("netns", "add", ns);
        ip("link", "add", outside, "type", "veth", "peer", "name", inside);
        ip("link", "set", inside, "netns", ns);
        ip("link", "set", outside, "master", BRIDGE);
        ip("link", "set", outside, "up");
        ip("-n", ns, "addr", "add", address + "/24", "dev", inside);
        ip("-n", ns, "link", "set", inside, "up");
        ip("-n", ns, "link", "set", "lo", "up");
        addresses.put(name, address);
        LOG.info("host {}: namespace {}, address {}", name, ns, address);
    }

    static String namespace(String host) {
        return PREFIX + host;
    }

    /** The address of host {@code name} on the bridge. */
    String address(String name) {
        String a = addresses.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no host " + name + " (hosts: " + addresses.keySet() + ")");
        }
        return a;
    }

    /** The command that runs a command inside host {@code name}'s namespace; it execs it (same pid). */
    List<String> prefix(String name) {
        address(name);
        return List.of(IP.toString(), "netns", "exec", namespace(name));
    }

    /** Every host's address and start command, for a {@link NetworkSpec}. */
    MemberHosts memberHosts() {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        addresses.keySet().forEach(h -> prefixes.put(h, prefix(h)));
        return new MemberHosts(addresses, prefixes);
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs now or soon and finds nothing left to remove.
        }
    }

    /**
     * Removes every {@value #PREFIX} namespace (killing the processes still in it, which only a test started) and
     * every {@value #PREFIX} link; deleting one end of a veth pair deletes the other.
     */
    static void removeAll() {
        try {
            for (String ns : names(run(IP.toString(), "netns", "list"))) {
                for (String pid : run(IP.toString(), "netns", "pids", ns).split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                run(IP.toString(), "netns", "del", ns);
            }
            for (String link : names(run(IP.toString(), "-o", "link", "show"))) {
                try {
                    run(IP.toString(), "link", "del", link.replaceAll("@.*", ""));
                } catch (IOException goneWithItsPeer) {
                    // The other end of a veth pair deleted earlier in this loop took this one with it.
                }
            }
        } catch (IOException e) {
            LOG.warn("removing the test's namespaces failed: {}", e.toString());
        }
    }

    /** The {@value #PREFIX} names in {@code ip netns list} or {@code ip -o link show} output. */
    private static List<String> names(String listing) {
        List<String> found = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String[] words = line.trim().split("[\\s:]+");
            for (int i = 0; i < Math.min(2, words.length); i++) {
                if (words[i].startsWith(PREFIX) && (i == 0 || words[0].matches("[0-9]+"))) {
                    found.add(words[i]);
                }
            }
        }
        return found;
    }

    private static void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(IP.toString()));
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    /** Runs a command to its end (bounded); its output, or an exception naming it and its output. */
    private static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " took over " + COMMAND_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out.trim());
        }
        return out;
    }
}
