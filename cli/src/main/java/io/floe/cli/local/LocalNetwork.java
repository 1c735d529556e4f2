package io.floe.cli.local;

import io.floe.persistence.cassandra.CassandraServer;
import io.floe.persistence.files.OwnerOnly;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole Floe network on this machine: one JVM per storage node and one gateway JVM, each with its own folder and
 * ports under the layout's data folder, and for a Cassandra layout one Cassandra node in {@code <data>/cassandra}
 * started before the members. The gateway starts first and the storage nodes once it listens, so that the gateway
 * serves the embedded journal's H2 file (see {@link MemberProcess#awaitListening}). {@link #start} returns once the gateway answers {@code GET /status} (the committee
 * is formed); {@link #close} stops every member, then Cassandra, so members never lose their journal while they
 * shut down. {@link #restart} starts a member that exited again, unless the network is closing: a member is never
 * started after {@link #close} began, so none outlives it.
 */
public final class LocalNetwork implements AutoCloseable {
    /** How long the storage nodes wait for the gateway, started first, to open the journal and listen. */
    private static final Duration GATEWAY_FIRST = Duration.ofSeconds(60);
    private final NetworkLayout layout;
    private final List<MemberProcess> members = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile CassandraServer cassandra;
    /** Guards {@link #closing} against a restart racing {@link #close}: no member starts once closing is set. */
    private final Object lifecycle = new Object();
    private volatile boolean closing;

    private LocalNetwork(NetworkLayout layout) {
        this.layout = layout;
    }

    public NetworkLayout layout() {
        return layout;
    }

    public List<MemberProcess> members() {
        return List.copyOf(members);
    }

    /** Starts every member of the layout (written first if new) and waits until the gateway serves. */
    public static LocalNetwork start(NetworkLayout layout, List<String> nodeJvmOptions, List<String> gatewayJvmOptions,
                                     Duration readyTimeout, PrintStream progress) throws IOException {
        return start(layout, nodeJvmOptions, gatewayJvmOptions, readyTimeout, progress, n -> { });
    }

    /** As above; {@code beforeStart} sees the network before its first member starts (to hook its shutdown). */
    public static LocalNetwork start(NetworkLayout layout, List<String> nodeJvmOptions, List<String> gatewayJvmOptions,
                                     Duration readyTimeout, PrintStream progress,
                                     java.util.function.Consumer<LocalNetwork> beforeStart) throws IOException {
        layout.write();
        LocalNetwork network = new LocalNetwork(layout);
        beforeStart.accept(network);
        try {
            if (layout.cassandra()) {
                network.startCassandra(progress);
            }
            MemberProcess gateway = network.startMember(NetworkLayout.GATEWAY, gatewayJvmOptions);
            // The first JVM to open the embedded journal's H2 file serves it to the others for its life. The gateway
            // opens it first, so a storage node's death never moves the database (which stalls every write some
            // seconds); the gateway's own death stops the API anyway until the supervisor restarts it.
            if (!gateway.awaitListening(layout.gatewayPort(), GATEWAY_FIRST)) {
                System.err.println("the gateway does not listen after " + GATEWAY_FIRST.toSeconds()
                        + " s; starting the storage nodes anyway");
            }
            for (String member : layout.members()) {
                if (!member.equals(NetworkLayout.GATEWAY)) {
                    network.startMember(member, nodeJvmOptions);
                }
            }
            network.awaitReady(readyTimeout, progress);
            return network;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private MemberProcess startMember(String member, List<String> jvmOptions) throws IOException {
        boolean gateway = member.equals(NetworkLayout.GATEWAY);
        OwnerOnly.folder(layout.memberDir(member));
        MemberProcess process;
        synchronized (lifecycle) {
            if (closing) {
                throw new IOException("stopped during start-up");
            }
            process = MemberProcess.start(member, gateway ? "daemon" : "node", layout.configFile(member),
                    layout.logFile(member), jvmOptions);
            members.add(process);
        }
        if (layout.isAdded(member)) {
            process.recordPid(MemberProcess.pidFile(layout.memberDir(member)));
        }
        return process;
    }

    /**
     * Starts the layout's Cassandra node; its shutdown is this network's (members first), not a hook of its own.
     * The server is known to {@link #close} before it starts, so Ctrl-C during its start-up ends it too.
     */
    private void startCassandra(PrintStream progress) throws IOException {
        java.nio.file.Path classpathFile;
        try {
            classpathFile = CassandraServer.configuredClasspathFile();
        } catch (IllegalStateException e) {
            throw new IOException("cannot start Cassandra: " + e.getMessage(), e);
        }
        CassandraServer.Settings settings = CassandraServer.Settings.of(classpathFile, layout.cassandraDir(), layout.cassandraPort(), layout.cassandraStoragePort()).withStopAtJvmExit(false);
        cassandra = CassandraServer.create(settings);
        if (progress != null) {
            progress.println("starting Cassandra on 127.0.0.1:" + layout.cassandraPort() + " (data "
                    + layout.cassandraDir() + ") ...");
            progress.flush();
        }
        cassandra.start();
        if (progress != null) {
            progress.printf("Cassandra ready in %.1f s (log %s)%n", cassandra.lastStartTime().toMillis() / 1000.0,
                    cassandra.systemLog());
            progress.flush();
        }
    }

    /** The network's Cassandra node, when its layout has one and it was started. */
    public java.util.Optional<CassandraServer> cassandra() {
        return java.util.Optional.ofNullable(cassandra);
    }

    private void awaitReady(Duration timeout, PrintStream progress) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        NodeReadiness nodes = new NodeReadiness();
        HttpRequest request = HttpRequest.newBuilder(URI.create(layout.gatewayUrl() + "/status"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (MemberProcess m : members) {
                if (!m.isAlive()) {
                    throw new IOException(m.name() + " exited with code " + m.process().exitValue()
                            + " during start-up; see " + m.log());
                }
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    String waiting = nodes.notReady(response.body());
                    if (waiting.isEmpty()) {
                        return;
                    }
                    last = "nodes still starting their shards: " + waiting;
                } else {
                    last = response.statusCode() + " " + response.body();
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the gateway", e);
            }
            if (progress != null) {
                progress.print(".");
                progress.flush();
            }
            pause(500);
        }
        throw new IOException("the gateway at " + layout.gatewayUrl() + " was not ready within " + timeout.toSeconds()
                + " s (last answer: " + last + "); logs are under " + layout.dataDir());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once {@link #close} began: nothing is restarted any more. */
    public boolean isClosing() {
        return closing;
    }

    /**
     * Starts member {@code exited} (which must have exited) again in its place; empty when the network is closing.
     */
    public java.util.Optional<MemberProcess> restart(MemberProcess exited) throws IOException {
        synchronized (lifecycle) {
            if (closing) {
                return java.util.Optional.empty();
            }
            MemberProcess again = exited.startAgain();
            members.replaceAll(m -> m == exited ? again : m);
            if (layout.isAdded(again.name())) {
                again.recordPid(MemberProcess.pidFile(layout.memberDir(again.name())));
            }
            return java.util.Optional.of(again);
        }
    }

    /** Nodes that {@code floe local add-node} started from another process belong to this network too. */
    private void stopAddedElsewhere() {
        try {
            NetworkLayout now = NetworkLayout.read(layout.dataDir()).orElse(layout);
            for (String member : now.members()) {
                if (now.isAdded(member) && members.stream().noneMatch(m -> m.name().equals(member))) {
                    MemberProcess.stopRecorded(MemberProcess.pidFile(now.memberDir(member)), 15_000);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot stop the added nodes: " + e.getMessage());
        }
    }

    /**
     * Stops every member: all are asked at once, then each is awaited (killed after the grace period); then the
     * Cassandra node, if any.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closing = true;
        }
        for (MemberProcess m : members) {
            if (m.isAlive()) {
                m.process().destroy();
            }
        }
        for (MemberProcess m : members) {
            m.stop(15_000);
        }
        stopAddedElsewhere();
        CassandraServer server = cassandra;
        if (server != null) {
            server.close();
        }
    }
}
