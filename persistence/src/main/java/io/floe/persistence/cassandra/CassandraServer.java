package io.floe.persistence.cassandra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Cassandra 5.0 in its own JVM, with all its files in one folder and bound to one address
 * only, 127.0.0.1 unless its {@link Settings} name another (see {@link CassandraNodeFiles}). {@link #start()} returns only once the node answers CQL, or throws after
 * a bounded wait with the node stopped; {@link #stop()} ends the JVM (SIGTERM, then SIGKILL of it and its
 * descendants after a grace period) and can be followed by {@link #start()} on the same data. {@link #close} and a
 * JVM shutdown hook both stop it, so a server never outlives the JVM that started it unless that JVM is killed
 * with SIGKILL; a later start on the same folder then ends the orphan first (its pid is in {@code cassandra.pid}).
 *
 * <p>Cassandra's jars never join the caller's class path: they come from the class path file the
 * {@code cassandra-server} Maven module writes ({@code cassandra-server/target/cassandra.classpath}).
 */
public final class CassandraServer implements AutoCloseable {
    /** System property with the path of the class path file; {@value #CLASSPATH_FILE_ENV} is the fallback. */
    public static final String CLASSPATH_FILE_PROPERTY = "floe.cassandra.classpath-file";
    public static final String CLASSPATH_FILE_ENV = "FLOE_CASSANDRA_CLASSPATH_FILE";
    public static final int DEFAULT_NATIVE_PORT = 9042;
    public static final int DEFAULT_STORAGE_PORT = 7000;
    /** The address a node listens on unless its {@link Settings} say otherwise. */
    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(CassandraServer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 30;
    private static final String PID_FILE = "cassandra.pid";

    /**
     * What to start.
     *
     * @param classpathFile Cassandra's runtime class path, one line (see the class comment)
     * @param dataDir       the node's folder; kept across {@link #stop()} and {@link #start()}
     * @param maxHeap       the JVM's {@code -Xmx} value
     * @param readyTimeout  how long {@link #start()} waits for the first CQL answer
     * @param stopAtJvmExit whether a JVM shutdown hook stops the node; off for an owner that must stop it itself
     *                      after other things (floe local stops its members first)
     * @param host          the address the node listens on and announces (listen, rpc and seed address)
     * @param commandPrefix run before the JVM's command, e.g. {@code ip netns exec NS} for a node in a network
     *                      namespace; it must exec the command (keep its pid), as {@code ip netns exec} does
     */
    public record Settings(Path classpathFile, Path dataDir, int nativePort, int storagePort, String maxHeap,
                           Duration readyTimeout, boolean stopAtJvmExit, String host, List<String> commandPrefix) {
        public Settings {
            dataDir = dataDir.toAbsolutePath().normalize();
            commandPrefix = List.copyOf(commandPrefix);
            if (nativePort < 1 || nativePort > 65535 || storagePort < 1 || storagePort > 65535
                    || nativePort == storagePort) {
                throw new IllegalArgumentException("bad ports: native " + nativePort + ", storage " + storagePort);
            }
            if (host.isBlank()) {
                throw new IllegalArgumentException("a Cassandra node needs an address to listen on");
            }
        }

        /** A node on {@value CassandraServer#HOST}, started directly. */
        public Settings(Path classpathFile, Path dataDir, int nativePort, int storagePort, String maxHeap,
                        Duration readyTimeout, boolean stopAtJvmExit) {
            this(classpathFile, dataDir, nativePort, storagePort, maxHeap, readyTimeout, stopAtJvmExit, HOST,
                    List.of());
        }

        /** 768 MiB of heap and two minutes to answer: enough on two busy cores. */
        public static Settings of(Path classpathFile, Path dataDir, int nativePort, int storagePort) {
            return new Settings(classpathFile, dataDir, nativePort, storagePort, "768m", Duration.ofSeconds(120),
                    true);
        }

        public Settings withStopAtJvmExit(boolean stop) {
            return new Settings(classpathFile, dataDir, nativePort, storagePort, maxHeap, readyTimeout, stop, host,
                    commandPrefix);
        }

        /** These settings for a node on {@code address}, its JVM started behind {@code prefix}. */
        public Settings on(String address, List<String> prefix) {
            return new Settings(classpathFile, dataDir, nativePort, storagePort, maxHeap, readyTimeout, stopAtJvmExit,
                    address, prefix);
        }
    }

    private final Settings settings;
    private final CassandraNodeFiles files;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "cassandra-server-stop");
    // Volatile so the shutdown hook can stop a node that is still starting without waiting for start()'s lock.
    private volatile Process process;
    private volatile boolean stopRequested;
    private volatile Duration lastStart = Duration.ZERO;
    private boolean hooked;

    private CassandraServer(Settings settings) {
        this.settings = settings;
        this.files = new CassandraNodeFiles(settings.dataDir());
    }

    /** Starts a node and waits until it answers CQL. */
    public static CassandraServer start(Settings settings) throws IOException {
        CassandraServer server = create(settings);
        server.start();
        return server;
    }

    /** A node not started yet: {@link #stop()} from another thread can then end a {@link #start()} under way. */
    public static CassandraServer create(Settings settings) {
        return new CassandraServer(settings);
    }

    /**
     * The class path file named by {@value #CLASSPATH_FILE_PROPERTY} or {@value #CLASSPATH_FILE_ENV}.
     *
     * @throws IllegalStateException when neither is set
     */
    public static Path configuredClasspathFile() {
        String value = System.getProperty(CLASSPATH_FILE_PROPERTY, System.getenv(CLASSPATH_FILE_ENV));
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("set -D" + CLASSPATH_FILE_PROPERTY + " (or " + CLASSPATH_FILE_ENV
                    + ") to cassandra-server/target/cassandra.classpath (mvn -pl cassandra-server package writes it)");
        }
        return Path.of(value.trim());
    }

    /**
     * Ends a node that a killed JVM left running on {@code dataDir} (see the class comment); call it before
     * deleting such a folder, whose pid file is how the node is found.
     */
    public static void stopLeftOver(Path dataDir) throws IOException {
        CassandraNodeFiles folder = new CassandraNodeFiles(dataDir);
        NodeProcesses.endOrphan(folder.dir().resolve(PID_FILE), CassandraJvm.configOption(folder), STOP_GRACE);
    }

    /** Starts the node (again, on the same folder) unless it runs; returns once it answers CQL. */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        stopRequested = false;
        String classpath = readClasspath(settings.classpathFile());
        InetSocketAddress address = address();
        stopOrphan();
        if (CqlProbe.portOpen(address)) {
            throw new IOException("port " + settings.nativePort() + " on " + settings.host() + " is already in use: another"
                    + " Cassandra (or something else) listens there; choose another port");
        }
        files.write(settings.host(), settings.nativePort(), settings.storagePort());
        List<String> command = new ArrayList<>(settings.commandPrefix());
        command.addAll(CassandraJvm.command(CassandraJvm.findJava(), classpath, files, settings.maxHeap()));
        long started = System.nanoTime();
        LOG.info("starting Cassandra on {}:{} (data {})", settings.host(), settings.nativePort(), files.dir());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.consoleLog().toFile())).start();
        process = p;
        // Everything after the launch is in the try: a failed pid file write must not leave the node running.
        try {
            Files.writeString(pidFile(), Long.toString(p.pid()), StandardCharsets.UTF_8);
            if (settings.stopAtJvmExit()) {
                hook();
            }
            String version = awaitReady(p, address, started);
            lastStart = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Cassandra {} on {}:{} answered CQL {} ms after start (pid {}, log {})", version, settings.host(),
                    settings.nativePort(), lastStart.toMillis(), p.pid(), files.systemLog());
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private String awaitReady(Process p, InetSocketAddress address, long started) throws IOException {
        long deadline = started + settings.readyTimeout().toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (stopRequested) {
                throw new IOException("Cassandra was stopped during start-up");
            }
            if (!p.isAlive()) {
                throw new IOException("Cassandra exited with code " + p.exitValue() + " during start-up; "
                        + tail());
            }
            Optional<String> version = CqlProbe.releaseVersion(address);
            if (version.isPresent()) {
                return version.get();
            }
            pause(POLL);
        }
        throw new IOException("Cassandra on " + settings.host() + ":" + settings.nativePort() + " did not answer CQL within "
                + settings.readyTimeout().toSeconds() + " s; " + tail());
    }

    /**
     * Stops the node: SIGTERM (it flushes and closes its files), SIGKILL after the grace period. Takes no lock, so
     * it also ends a {@link #start()} still waiting in another thread (which then throws).
     */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        terminate(p);
        synchronized (this) {
            if (process == p) {
                process = null;
            }
        }
        deletePidFile();
    }

    private void terminate(Process p) {
        if (!p.isAlive()) {
            return;
        }
        stopRequested = true;
        LOG.info("stopping Cassandra on {}:{} (pid {})", settings.host(), settings.nativePort(), p.pid());
        long began = System.nanoTime();
        p.destroy();
        if (!waitFor(p, STOP_GRACE)) {
            LOG.warn("Cassandra (pid {}) ignored SIGTERM for {} s; killing it", p.pid(), STOP_GRACE.toSeconds());
            killTree(p.toHandle());
        }
        LOG.info("Cassandra stopped in {} ms", (System.nanoTime() - began) / 1_000_000);
    }

    /** Kills the node at once (SIGKILL), as a crash would: unflushed commit log entries may be lost. */
    public void kill() {
        Process p = process;
        if (p != null) {
            stopRequested = true;
            killTree(p.toHandle());
            process = null;
            deletePidFile();
        }
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** {@code <host>:<native port>}, as a contact point for the driver and the journal plugin. */
    public String contactPoint() {
        return settings.host() + ":" + settings.nativePort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(settings.host(), settings.nativePort());
    }

    public Settings settings() {
        return settings;
    }

    /** How long the last {@link #start()} took until the first CQL answer. */
    public Duration lastStartTime() {
        return lastStart;
    }

    public OptionalLong pid() {
        Process p = process;
        return p != null && p.isAlive() ? OptionalLong.of(p.pid()) : OptionalLong.empty();
    }

    public Path systemLog() {
        return files.systemLog();
    }

    /** True once this object was asked to stop the node (since its last start), false when it exited by itself. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Blocks until the node's JVM exits (for a foreground run); returns its exit code, -1 when none ran. */
    public int awaitExit() throws InterruptedException {
        Process p = process;
        return p == null ? -1 : p.waitFor();
    }

    @Override
    public void close() {
        stop();
        synchronized (this) {
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook runs now or soon and finds nothing left to stop.
                }
                hooked = false;
            }
        }
    }

    private void hook() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hooked = true;
        }
    }

    /** The shutdown hook: takes no lock, so it also ends a node whose start() is still waiting. */
    private void stopQuietly() {
        try {
            Process p = process;
            if (p != null) {
                terminate(p);
                deletePidFile();
            }
        } catch (RuntimeException e) {
            LOG.warn("stopping Cassandra at JVM exit failed: {}", e.toString());
        }
    }

    static String readClasspath(Path classpathFile) throws IOException {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IOException("Cassandra's class path file " + classpathFile + " is missing; build it with"
                    + " mvn -q -pl cassandra-server package");
        }
        String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new IOException(classpathFile + " names " + entry + ", which does not exist; rebuild it with"
                        + " mvn -q -pl cassandra-server package");
            }
        }
        return classpath;
    }

    private Path pidFile() {
        return files.dir().resolve(PID_FILE);
    }

    private void deletePidFile() {
        NodeProcesses.deletePidFile(pidFile());
    }

    /** A node left running on this folder by a JVM that was killed holds its files and ports: it ends first. */
    private void stopOrphan() throws IOException {
        NodeProcesses.endOrphan(pidFile(), CassandraJvm.configOption(files), STOP_GRACE);
    }

    private static void killTree(ProcessHandle root) {
        NodeProcesses.killTree(root);
    }

    private static boolean waitFor(Process p, Duration bound) {
        try {
            return p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tail() {
        return "last lines of " + files.systemLog() + ":\n" + lastLines(files.systemLog()) + "\n"
                + files.consoleLog() + ":\n" + lastLines(files.consoleLog());
    }

    private static String lastLines(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read: " + e + ")";
        }
    }

    private static void pause(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Cassandra", e);
        }
    }

    /**
     * Runs a node in the foreground until SIGTERM or Ctrl-C:
     * {@code CassandraServer --dir D [--port 9042] [--storage-port 7000] [--classpath-file F] [--heap 768m]}.
     */
    public static void main(String[] args) throws Exception {
        CassandraServerMain.run(args);
    }
}
