package io.floe.cli;

import io.floe.cli.local.LocalNetwork;
import io.floe.cli.local.MemberProcess;
import io.floe.cli.local.MemberSupervisor;
import io.floe.cli.local.NetworkLayout;
import io.floe.cli.local.RestartPolicy;
import io.floe.encoding.EncodingException;
import io.floe.encoding.redstuff.EncodingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code floe local}: a whole network on this machine, one JVM per storage node plus a gateway, each with its own
 * ports and folder under {@code --data}. Prints where the API is, keeps running until Ctrl-C, then stops every
 * member. A member that exits meanwhile is started again ({@link MemberSupervisor}). The data (slivers, journal,
 * keys) stays for the next start.
 */
public final class LocalCommand implements Command {
    static final int DEFAULT_NODES = 4;
    static final int DEFAULT_SHARDS = 100;
    static final String ADD_NODE = "add-node";
    static final String REMOVE_NODE = "remove-node";
    static final String EPOCH_DURATION = "--epoch-duration";
    static final String MANAGEMENT_PORT = "--management-port";
    static final String TLS = "--tls";

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String summary() {
        return "Run a whole network on this machine (storage nodes + gateway)";
    }

    @Override
    public String usage() {
        return """
            usage: floe local [--nodes N] [--shards N] [--data DIR] [--api-port P] [--node-port P] [--artery-port P]
                              [--management-port P] [--epoch-duration D] [--tls]
                              [--cassandra [--cassandra-port P] [--cassandra-storage-port P]]
                   floe local add-node [--data DIR] [--stake FROST] [--timeout SECONDS]
                   floe local remove-node NODE_ID [--data DIR] [--timeout SECONDS]

            Starts N storage-node JVMs and one gateway JVM on 127.0.0.1, waits until the network is ready and prints
            where its API is. A member that exits (crash, kill, downed by the cluster) is started again after 1 s,
            doubling up to 30 s, and left stopped after 5 restarts within 10 minutes; each restart is printed and
            written to the member's log. Ctrl-C stops every member. The data folder keeps slivers, the journal and
            node keys, so the next start with the same folder finds every stored blob; its shape (nodes, shards,
            ports) is fixed when the folder is first used. Only its owner may read it (folders 0700, key and journal
            files 0600); the journal's database is locked with a secret made for the network (journal/floe-db.secret).

            options:
              --nodes N        storage nodes (default 4)
              --shards N       shards of the network, 4..49155 (default 100)
              --data DIR       data folder (default ./floe-data)
              --api-port P     publisher/aggregator API port (default 31415)
              --node-port P    first storage-node API port; node i uses P+i (default 9185)
              --artery-port P  first cluster port; member i uses P+i (default 25520)
              --management-port P  first Pekko Management port (/alive, /ready, /metrics); member i uses
                               P+i (default 8558)
              --tls            TLS on the storage nodes' API and between members (certificates made on first start)
              --epoch-duration D  length of an epoch, e.g. 30s, 10m, 1d (default 1d: a demo does not move
                               shards); fixed with the folder
              --cassandra      keep the journal in a real Apache Cassandra 5.0 node that floe local starts first
                               (data in DIR/cassandra, needs a Java 17) and stops last; fixed with the folder
              --cassandra-port P          its CQL port (default 9042)
              --cassandra-storage-port P  its internode port (default 7000)

            add-node starts one more storage node in the running network of DIR (next free node ID and ports), waits
            until it registered, stakes FROST (default 1000 WAL) from the gateway's account to it and waits until it
            is in the next committee. remove-node requests the withdrawal of the gateway's stake with a node added so,
            waits until a committee without it is current and its shards moved, withdraws and stops the node. Both
            run beside a 'floe local' and wait at most --timeout seconds (default two epochs and 2 minutes, at most
            1 hour).

            environment:
              FLOE_MEMBER_JAVA_OPTS  extra JVM options for every member, e.g.
                                     "-Dfloe.gateway.max-body-size=256MiB -Xmx4g"
              FLOE_CASSANDRA_JAVA    the Java 17 to run Cassandra with (default: a JDK 17 under /usr/lib/jvm)
            """;
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        String first = args.isEmpty() ? "" : args.get(0);
        if (first.equals(ADD_NODE) || first.equals(REMOVE_NODE)) {
            membership(first, args.subList(1, args.size()), out);
            return;
        }
        Arguments a = Arguments.parse(args, Set.of("--nodes", "--shards", "--data", "--api-port", "--node-port",
                "--artery-port", "--cassandra-port", "--cassandra-storage-port", EPOCH_DURATION, MANAGEMENT_PORT),
                Set.of("--cassandra", TLS));
        if (!a.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'");
        }
        Path data = Path.of(a.value("--data").orElse("floe-data")).toAbsolutePath().normalize();
        NetworkLayout layout = layout(a, data);
        out.println("starting a Floe network of " + layout.nodes() + " storage nodes and " + layout.nShards()
                + " shards in " + data + (layout.cassandra() ? " with its journal in Cassandra" : "")
                + (layout.epochDuration().isEmpty() ? "" : ", epochs of " + layout.epochDuration()) + " ...");
        out.flush();
        List<String> extra = extraJvmOptions();
        LocalNetwork network;
        try {
            // The hook is in place before any member starts, so Ctrl-C during start-up stops those already running.
            network = LocalNetwork.start(layout, withHeap(extra, "-Xmx1g"), withHeap(extra, "-Xmx3g"),
                    Duration.ofSeconds(180), out, n -> Runtime.getRuntime().addShutdownHook(
                            new Thread(n::close, "floe-local-stop")));
        } catch (IOException e) {
            throw new CommandFailedException(e.getMessage());
        }
        out.println();
        out.println("Floe is running: API at " + layout.gatewayUrl() + " (try ./floe info, ./floe store FILE)");
        for (MemberProcess m : network.members()) {
            out.println("  " + m.name() + " pid " + m.pid() + ", log " + m.log()
                    + layout.managementUrlOf(m.name()).map(url -> ", " + url + "/ready").orElse(""));
        }
        network.cassandra().ifPresent(c -> out.println("  cassandra " + c.contactPoint() + " pid "
                + c.pid().orElse(-1) + ", log " + c.systemLog()));
        out.println("Ctrl-C stops the network; its data stays in " + data);
        out.println("A member that exits is started again (after 1 s, doubling up to 30 s; given up after "
                + RestartPolicy.DEFAULT.maxRestarts() + " restarts within 10 min)");
        out.flush();
        new MemberSupervisor(network, RestartPolicy.DEFAULT, out).run();
    }

    /** {@code floe local add-node ...} and {@code floe local remove-node NODE_ID ...}. */
    private static void membership(String which, List<String> args, PrintStream out) {
        Set<String> values = which.equals(ADD_NODE) ? Set.of("--data", LocalMembership.STAKE, LocalMembership.TIMEOUT)
                : Set.of("--data", LocalMembership.TIMEOUT);
        Arguments a = Arguments.parse(args, values, Set.of());
        String node = which.equals(REMOVE_NODE) ? nodeId(a.singlePositional("NODE_ID")) : null;
        if (node == null && !a.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'");
        }
        long stake = stake(a);
        Optional<Integer> timeout = a.value(LocalMembership.TIMEOUT).map(t -> a.intValue(LocalMembership.TIMEOUT, 0));
        if (timeout.isPresent() && timeout.get() < 1) {
            throw new UsageException(LocalMembership.TIMEOUT + " needs a number of seconds >= 1");
        }
        Path data = Path.of(a.value("--data").orElse("floe-data")).toAbsolutePath().normalize();
        LocalMembership network = LocalMembership.of(data, out, timeout);
        if (node == null) {
            network.add(stake, withHeap(extraJvmOptions(), "-Xmx1g"));
        } else {
            network.remove(node);
        }
    }

    static String nodeId(String text) {
        try {
            return new io.floe.protocol.committee.NodeId(text).value();
        } catch (IllegalArgumentException e) {
            throw new UsageException("NODE_ID: " + e.getMessage());
        }
    }

    static long stake(Arguments a) {
        String text = a.value(LocalMembership.STAKE).orElse(Long.toString(NetworkLayout.LOCAL_STAKE));
        try {
            long stake = Long.parseLong(text.trim());
            if (stake > 0) {
                return stake;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(LocalMembership.STAKE + " needs a number of FROST above 0, got '" + text + "'");
    }

    /** {@code --epoch-duration} as the layout keeps it; "" when absent. */
    static String epochDuration(Arguments a) {
        String text = a.value(EPOCH_DURATION).orElse("").trim();
        try {
            NetworkLayout.checkEpochDuration(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw new UsageException(EPOCH_DURATION + ": " + e.getMessage());
        }
    }

    private static NetworkLayout layout(Arguments a, Path data) {
        Optional<NetworkLayout> existing;
        try {
            existing = NetworkLayout.read(data);
        } catch (IOException | RuntimeException e) {
            throw new CommandFailedException("cannot read the network layout in " + data + ": " + e.getMessage());
        }
        if (existing.isPresent()) {
            NetworkLayout old = existing.get();
            check(a, "--nodes", old.nodes(), data);
            check(a, "--shards", old.nShards(), data);
            check(a, "--api-port", old.gatewayPort(), data);
            check(a, "--node-port", old.storageBasePort(), data);
            check(a, "--artery-port", old.arteryBasePort(), data);
            check(a, MANAGEMENT_PORT, old.managementBasePort(), data);
            if (a.flag(TLS) && !old.tls()) {
                throw new UsageException(data + " holds a network created without " + TLS
                        + "; use another --data folder for one with TLS");
            }
            if (a.flag("--cassandra") && !old.cassandra()) {
                throw new UsageException(data + " holds a network created with the embedded journal; use another"
                        + " --data folder for one on Cassandra");
            }
            check(a, "--cassandra-port", old.cassandraPort(), data);
            check(a, "--cassandra-storage-port", old.cassandraStoragePort(), data);
            String duration = epochDuration(a);
            if (!duration.isEmpty() && !duration.equals(old.epochDuration())) {
                throw new UsageException(data + " holds a network created with " + EPOCH_DURATION + " "
                        + (old.epochDuration().isEmpty() ? "(default)" : old.epochDuration())
                        + "; use another --data folder for a different epoch length");
            }
            return old;
        }
        int nodes = a.intValue("--nodes", DEFAULT_NODES);
        int shards = a.intValue("--shards", DEFAULT_SHARDS);
        if (nodes < 1 || nodes > 100) {
            throw new UsageException("--nodes must be 1..100, was " + nodes);
        }
        try {
            new EncodingConfig(shards);
        } catch (EncodingException | IllegalArgumentException e) {
            throw new UsageException("--shards: " + e.getMessage());
        }
        if (shards < nodes) {
            throw new UsageException("--shards (" + shards + ") must be at least --nodes (" + nodes + ")");
        }
        boolean cassandra = a.flag("--cassandra");
        if (!cassandra && (a.value("--cassandra-port").isPresent() || a.value("--cassandra-storage-port").isPresent())) {
            throw new UsageException("--cassandra-port and --cassandra-storage-port need --cassandra");
        }
        return new NetworkLayout(data, nodes, shards, port(a, "--api-port", 31415), port(a, "--node-port", 9185),
                port(a, "--artery-port", 25520), cassandra ? port(a, "--cassandra-port", 9042) : 0,
                cassandra ? port(a, "--cassandra-storage-port", 7000) : 0).withEpochDuration(epochDuration(a))
                .withManagementPorts(port(a, MANAGEMENT_PORT, 8558)).withTls(a.flag(TLS));
    }

    private static int port(Arguments a, String name, int def) {
        int p = a.intValue(name, def);
        if (p < 1 || p > 65000) {
            throw new UsageException(name + " must be 1..65000, was " + p);
        }
        return p;
    }

    private static void check(Arguments a, String name, int saved, Path data) {
        if (a.value(name).isPresent() && a.intValue(name, saved) != saved) {
            throw new UsageException(data + " holds a network created with " + name + " " + saved
                    + "; use another --data folder for a different shape");
        }
    }

    static List<String> extraJvmOptions() {
        String env = System.getenv("FLOE_MEMBER_JAVA_OPTS");
        return env == null || env.isBlank() ? List.of() : Arrays.asList(env.trim().split("\\s+"));
    }

    static List<String> withHeap(List<String> extra, String heap) {
        List<String> opts = new ArrayList<>();
        if (extra.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            opts.add(heap);
        }
        opts.addAll(extra);
        return opts;
    }
}
