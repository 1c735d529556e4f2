package io.floe.cli.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One member JVM started by this process: the same java and class path as the parent, {@code floe node} or
 * {@code floe daemon} with the member's configuration file, output appended to its log file.
 */
public final class MemberProcess implements AutoCloseable {
    private final String name;
    private final Path log;
    private final Process process;
    /** How it was started, so that {@link #startAgain} repeats it exactly. */
    private final List<String> command;
    /** Its {@code java.io.tmpdir}, emptied before each start. */
    private final Path temporaryFolder;
    /** {@link System#nanoTime} when it was started. */
    private final long startedAt;

    private MemberProcess(String name, Path log, Process process, List<String> command, Path temporaryFolder) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.command = List.copyOf(command);
        this.temporaryFolder = temporaryFolder;
        this.startedAt = System.nanoTime();
    }

    /**
     * Starts a member that stops itself once this process is gone ({@link LauncherWatch}). {@code command} is
     * {@code node} or {@code daemon}; {@code jvmOptions} come before the parent's own module flags.
     */
    public static MemberProcess start(String name, String command, Path config, Path log, List<String> jvmOptions)
            throws IOException {
        return start(name, command, config, log, jvmOptions, List.of());
    }

    /** {@link #start(String, String, Path, Path, List)} for a member that must outlive this process. */
    public static MemberProcess startUntied(String name, String command, Path config, Path log,
                                            List<String> jvmOptions) throws IOException {
        return launch(name, log, command(command, config, jvmOptions, List.of(), false), temporaryFolder(config));
    }

    /**
     * Starts a member behind {@code prefix}, e.g. {@code ip netns exec NS} for a member on a host of its own; the
     * prefix must exec the JVM (keep its pid), so that signals reach the member itself.
     */
    public static MemberProcess start(String name, String command, Path config, Path log, List<String> jvmOptions,
                                      List<String> prefix) throws IOException {
        return launch(name, log, command(command, config, jvmOptions, prefix, true), temporaryFolder(config));
    }

    private static List<String> command(String command, Path config, List<String> jvmOptions, List<String> prefix,
                                        boolean tied) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(inheritedJvmFlags());
        if (tied) {
            cmd.add(LauncherWatch.tieToThisProcess());
        }
        // Native libraries (RocksDB's, the RS engine) are unpacked into the temporary folder and removed only on a
        // clean exit: a killed member's copies stay in its own folder, not in the machine's /tmp, until its next start.
        cmd.add("-Djava.io.tmpdir=" + temporaryFolder(config));
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.floe.cli.FloeMain");
        cmd.add(command);
        cmd.add("--config");
        cmd.add(config.toString());
        return cmd;
    }

    /** {@code tmp} in the member's folder (the one holding its configuration file). */
    private static Path temporaryFolder(Path config) {
        return config.toAbsolutePath().getParent().resolve("tmp");
    }

    /**
     * Starts the JVM with an empty {@code tmp}: what an earlier run of this member left there (a killed JVM's
     * unpacked libraries, 17 MB for RocksDB's) is removed, and the folder made again if someone deleted it.
     */
    private static MemberProcess launch(String name, Path log, List<String> cmd, Path tmp) throws IOException {
        emptyFolder(tmp);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("FLOE_MEMBER_ID");
        return new MemberProcess(name, log, builder.start(), cmd, tmp);
    }

    private static void emptyFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(folder)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.createDirectories(folder);
    }

    /** Starts the same member again (same java, options and configuration); this one must have exited. */
    public MemberProcess startAgain() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " still runs (pid " + pid() + ")");
        }
        return launch(name, log, command, temporaryFolder);
    }

    /** The flags the JVM needs (modules, native access, collector, huge pages), copied from this JVM's own. */
    public static List<String> inheritedJvmFlags() {
        List<String> flags = new ArrayList<>();
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--add-modules") && i + 1 < args.size()) {
                flags.add(a);
                flags.add(args.get(++i));
            } else if (a.startsWith("--add-modules=") || a.startsWith("--enable-native-access")
                    || a.startsWith("--sun-misc-unsafe-memory-access") || a.startsWith("-XX:+Use") && a.endsWith("GC")
                    || a.endsWith("UseTransparentHugePages")) {
                flags.add(a);
            }
        }
        return flags;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** {@link System#nanoTime} when this process was started. */
    public long startedAt() {
        return startedAt;
    }

    /**
     * Waits until this member accepts TCP connections on {@code port} of 127.0.0.1; false when it did not within
     * {@code timeout}. A gateway listens on its API port only after it opened the embedded journal database (a
     * member opens it before its actor system starts), which is how {@code floe local} and the tests know that the
     * gateway, started first, serves the database's file to the members started after it.
     *
     * @throws IOException when the member exits first
     */
    public boolean awaitListening(int port, java.time.Duration timeout) throws IOException {
        return awaitListening(java.net.InetAddress.getLoopbackAddress().getHostAddress(), port, timeout);
    }

    /** {@link #awaitListening(int, java.time.Duration)} for a member that listens on {@code host}. */
    public boolean awaitListening(String host, int port, java.time.Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + " during start-up; see "
                        + log);
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(host, port), 1000);
                return true;
            } catch (IOException notYet) {
                pause(200);
            }
        }
        return false;
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a member to listen");
        }
    }

    /** Asks the member to stop (SIGTERM: it leaves the cluster gracefully), and kills it after {@code graceMillis}. */
    public void stop(long graceMillis) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Where a member's pid is recorded, so that another {@code floe} process can stop it. */
    public static Path pidFile(Path memberDir) {
        return memberDir.resolve("member.pid");
    }

    /** Records this member's pid in {@code file}. */
    public void recordPid(Path file) throws IOException {
        Files.writeString(file, Long.toString(pid()) + "\n");
    }

    /**
     * Stops the member whose pid {@code file} records, if that process still runs Floe (a recycled pid is left
     * alone): SIGTERM, then SIGKILL after {@code graceMillis}. Removes the file; false when no such member ran.
     */
    public static boolean stopRecorded(Path file, long graceMillis) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        long pid = Long.parseLong(Files.readString(file).trim());
        java.util.Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(h -> h.info().commandLine()
                .map(c -> c.contains("io.floe.cli.FloeMain")).orElse(true));
        boolean running = handle.isPresent() && handle.get().isAlive();
        if (running) {
            ProcessHandle h = handle.get();
            h.destroy();
            try {
                h.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                h.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(file);
        return running;
    }

    @Override
    public void close() {
        stop(15_000);
    }
}
