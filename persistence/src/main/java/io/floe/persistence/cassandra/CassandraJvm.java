package io.floe.persistence.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The command line of a Cassandra 5.0 JVM: a Java 17 (Cassandra 5.0 runs on 11 and 17 only; 21+ lacks the
 * SecurityManager it installs), the module exports and opens Cassandra's own {@code jvm17-server.options} lists,
 * the jamm agent it measures memtables with, and start-up shortcuts for a one-node development server.
 */
final class CassandraJvm {
    /** System property naming the java executable (or JDK folder) to run Cassandra with. */
    static final String JAVA_PROPERTY = "floe.cassandra.java";
    /** Environment variable with the same meaning, used when the property is not set. */
    static final String JAVA_ENV = "FLOE_CASSANDRA_JAVA";
    static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    private static final int JAVA_FEATURE = 17;
    private static final Path JVM_ROOT = Path.of("/usr/lib/jvm");

    /** Packages Cassandra reaches into on JDK 17 (conf/jvm17-server.options of the 5.0 distribution). */
    private static final List<String> EXPORTS = List.of(
            "java.base/jdk.internal.misc", "java.base/jdk.internal.ref", "java.base/sun.nio.ch",
            "java.management.rmi/com.sun.jmx.remote.internal.rmi", "java.rmi/sun.rmi.registry",
            "java.rmi/sun.rmi.server", "java.sql/java.sql", "java.base/java.lang.ref", "jdk.unsupported/sun.misc");
    private static final List<String> OPENS = List.of(
            "java.base/java.lang.module", "java.base/jdk.internal.loader", "java.base/jdk.internal.ref",
            "java.base/jdk.internal.reflect", "java.base/jdk.internal.math", "java.base/jdk.internal.module",
            "java.base/jdk.internal.util.jar", "jdk.management/com.sun.management.internal", "java.base/sun.nio.ch",
            "java.base/java.io", "java.base/java.nio", "java.base/java.util.concurrent", "java.base/java.util",
            "java.base/java.util.concurrent.atomic", "java.base/java.lang", "java.base/java.math",
            "java.base/java.lang.reflect", "java.base/java.net");

    private CassandraJvm() {
    }

    /**
     * The java to run Cassandra with: {@value #JAVA_PROPERTY} or {@value #JAVA_ENV} when set, else a JDK 17 under
     * /usr/lib/jvm, else this JVM or {@code java} on the PATH when it is a 17.
     */
    static Path findJava() {
        String chosen = System.getProperty(JAVA_PROPERTY, System.getenv(JAVA_ENV));
        if (chosen != null && !chosen.isBlank()) {
            Path p = Path.of(chosen.trim());
            Path bin = Files.isDirectory(p) ? p.resolve("bin").resolve("java") : p;
            if (!Files.isExecutable(bin)) {
                throw new IllegalStateException(JAVA_PROPERTY + "/" + JAVA_ENV + " = " + chosen
                        + " is neither a java executable nor a JDK folder");
            }
            return bin;
        }
        return candidates().stream().filter(CassandraJvm::isJava17).findFirst().orElseThrow(() ->
                new IllegalStateException("Cassandra 5.0 needs a Java 17 and none was found (looked under "
                        + JVM_ROOT + ", at this JVM and on the PATH); set -D" + JAVA_PROPERTY + " or " + JAVA_ENV));
    }

    private static List<Path> candidates() {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(JVM_ROOT)) {
            try (Stream<Path> homes = Files.list(JVM_ROOT)) {
                homes.filter(h -> h.getFileName().toString().contains(Integer.toString(JAVA_FEATURE)))
                        .sorted().map(h -> h.resolve("bin").resolve("java")).filter(Files::isExecutable)
                        .forEach(found::add);
            } catch (IOException e) {
                // An unreadable /usr/lib/jvm only removes candidates.
            }
        }
        found.add(Path.of(System.getProperty("java.home"), "bin", "java"));
        onPath("java").ifPresent(found::add);
        return found;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    /** Reads the JDK's {@code release} file (no process needed); a java without one does not qualify. */
    static boolean isJava17(Path javaBin) {
        try {
            Path home = javaBin.toRealPath().getParent().getParent();
            Path release = home.resolve("release");
            if (!Files.isReadable(release)) {
                return false;
            }
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                    return v.equals(Integer.toString(JAVA_FEATURE)) || v.startsWith(JAVA_FEATURE + ".");
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The whole command: {@code [setpriv ...] java <options> -cp <classpath> CassandraDaemon}.
     *
     * @param classpath Cassandra's runtime class path (one string, path-separated)
     * @param maxHeap   for {@code -Xmx}, e.g. {@code 768m}
     */
    static List<String> command(Path java, String classpath, CassandraNodeFiles files, String maxHeap) {
        List<String> cmd = new ArrayList<>(dropIpcLock());
        cmd.add(java.toString());
        // The properties come first: the configuration's path then falls within the 4 KiB of a command line that
        // ProcessHandle shows, which is how a later start recognises a node left running on this folder.
        cmd.addAll(systemProperties(files));
        cmd.addAll(memoryAndCompiler(maxHeap));
        EXPORTS.forEach(e -> cmd.addAll(List.of("--add-exports", e + "=ALL-UNNAMED")));
        OPENS.forEach(o -> cmd.addAll(List.of("--add-opens", o + "=ALL-UNNAMED")));
        cmd.add("-javaagent:" + jammJar(classpath));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN_CLASS);
        return cmd;
    }

    private static List<String> memoryAndCompiler(String maxHeap) {
        return List.of("-Xms256m", "-Xmx" + maxHeap, "-Xss256k",
                // C1 only: start-up is about twice as fast and a development node never runs long enough to gain.
                "-XX:TieredStopAtLevel=1",
                // One collector thread: the node shares two cores with the Floe members that use it.
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:+PerfDisableSharedMem",
                "-XX:StringTableSize=1000003");
    }

    /** The option that names the node's folder, by which its JVM is recognised. */
    static String configOption(CassandraNodeFiles files) {
        return "-Dcassandra.config=" + files.yaml().toUri();
    }

    private static List<String> systemProperties(CassandraNodeFiles files) {
        return List.of(
                configOption(files),
                "-Dlogback.configurationFile=" + files.logbackXml(),
                "-Dcassandra.logdir=" + files.logDir(),
                "-Dcassandra.storagedir=" + files.dir(),
                "-Dcassandra.triggers_dir=" + files.dir().resolve("triggers"),
                "-Dcassandra-foreground=yes",
                "-Djava.net.preferIPv4Stack=true",
                "-Djdk.attach.allowAttachSelf=true",
                // Netty settings of Cassandra's jvm11+ options.
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dio.netty.allocator.useCacheForAllThreads=true",
                "-Dio.netty.allocator.maxOrder=11",
                // One node has no gossip peers to wait for (saves ~30 s).
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                // A fixed row overhead instead of measuring it at start-up (~4 s).
                "-Dcassandra.memtable.row_overhead_size=180");
    }

    /** Cassandra measures object sizes with the jamm agent, which ships on its class path. */
    static String jammJar(String classpath) {
        return Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .filter(p -> Path.of(p).getFileName().toString().matches("jamm-[0-9.]+\\.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no jamm jar on Cassandra's class path"));
    }

    /**
     * As root, Cassandra's {@code mlockall} would pin its whole heap in RAM (~220 MB more); dropping the
     * IPC_LOCK capability before java starts makes it skip that with one warning.
     */
    private static List<String> dropIpcLock() {
        Optional<Path> setpriv = onPath("setpriv");
        if (!isRoot() || setpriv.isEmpty()) {
            return List.of();
        }
        return List.of(setpriv.get().toString(), "--bounding-set", "-ipc_lock", "--inh-caps", "-ipc_lock");
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[0].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall back on the user name below.
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
