package io.floe.persistence.cassandra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The foreground command behind {@link CassandraServer#main}: starts a node, prints where it answers, and keeps
 * running until the node exits or this JVM is told to stop (SIGTERM, Ctrl-C), which stops the node first.
 */
final class CassandraServerMain {
    private static final Set<String> OPTIONS = Set.of("--dir", "--port", "--storage-port", "--classpath-file",
            "--heap", "--ready-timeout");
    private static final String USAGE = "usage: CassandraServer --dir DIR [--port 9042] [--storage-port 7000]"
            + " [--classpath-file FILE (default -D" + CassandraServer.CLASSPATH_FILE_PROPERTY + ")] [--heap 768m]"
            + " [--ready-timeout SECONDS]";

    private CassandraServerMain() {
    }

    static void run(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options == null || !options.containsKey("--dir")) {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path classpathFile = options.containsKey("--classpath-file") ? Path.of(options.get("--classpath-file"))
                : CassandraServer.configuredClasspathFile();
        CassandraServer.Settings settings = new CassandraServer.Settings(classpathFile,
                Path.of(options.get("--dir")),
                Integer.parseInt(options.getOrDefault("--port", Integer.toString(CassandraServer.DEFAULT_NATIVE_PORT))),
                Integer.parseInt(options.getOrDefault("--storage-port",
                        Integer.toString(CassandraServer.DEFAULT_STORAGE_PORT))),
                options.getOrDefault("--heap", "768m"),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--ready-timeout", "120"))), true);
        System.out.println("starting Cassandra on " + settings.host() + ":" + settings.nativePort()
                + " (data " + settings.dataDir() + ") ...");
        // start() hooks the JVM's shutdown, so SIGTERM or Ctrl-C from here on stops the node too.
        CassandraServer server = CassandraServer.start(settings);
        System.out.printf("Cassandra ready on %s in %.1f s (pid %d, log %s)%n", server.contactPoint(),
                server.lastStartTime().toMillis() / 1000.0, server.pid().orElse(-1), server.systemLog());
        int code = server.awaitExit();
        if (server.stopRequested()) {
            return; // stopped by the shutdown hook: the JVM is exiting anyway
        }
        System.err.println("Cassandra exited by itself with code " + code + "; see " + server.systemLog());
        System.exit(1);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                return null;
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }
}
