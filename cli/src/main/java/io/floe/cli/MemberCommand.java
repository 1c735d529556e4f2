package io.floe.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.floe.cli.local.LauncherWatch;
import io.floe.cluster.member.FloeMember;
import io.floe.cluster.member.FloeSettings;
import io.floe.cluster.member.MemberConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.CoordinatedShutdown;

/**
 * {@code floe node --config FILE} (a storage node) and {@code floe daemon --config FILE} (a publisher and
 * aggregator): runs one member until it is stopped (SIGTERM or Ctrl-C: it leaves the cluster gracefully) or the
 * cluster downs it (exit 1).
 */
public final class MemberCommand implements Command {
    private final String name;
    private final String role;

    private MemberCommand(String name, String role) {
        this.name = name;
        this.role = role;
    }

    public static MemberCommand node() {
        return new MemberCommand("node", FloeSettings.STORAGE);
    }

    public static MemberCommand daemon() {
        return new MemberCommand("daemon", FloeSettings.GATEWAY);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return role.equals(FloeSettings.STORAGE) ? "Run a storage node (one cluster member)"
                : "Run a publisher and aggregator (one cluster member)";
    }

    @Override
    public String usage() {
        return "usage: floe " + name + " --config FILE\n\n" + summary() + ".\n\n"
                + "FILE is HOCON: floe.member.id, floe.member.data-dir, ports, floe.network (the same on every member)\n"
                + "and pekko.cluster.seed-nodes; every other key has a default (see reference.conf). floe.member.roles\n"
                + "defaults to [" + role + "].\n\noptions:\n  --config FILE  the member's configuration\n";
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of("--config"), Set.of());
        if (!parsed.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + parsed.positionals().get(0) + "'");
        }
        Path file = Path.of(parsed.value("--config").orElseThrow(() -> new UsageException("--config FILE is required")));
        if (!Files.isRegularFile(file)) {
            throw new CommandFailedException("configuration file " + file + " does not exist");
        }
        Config config;
        long launcher;
        try {
            config = MemberConfig.load(file, role);
            launcher = config.getLong(LauncherWatch.KEY);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new CommandFailedException("bad configuration in " + file + ": " + e.getMessage());
        }
        // An orphan leaves the cluster as on SIGTERM (the JVM's shutdown runs the coordinated shutdown).
        LauncherWatch.watch(launcher, () -> new Thread(() -> System.exit(1), "floe-launcher-gone").start());
        FloeMember member;
        try {
            member = FloeMember.start(config);
        } catch (RuntimeException e) {
            throw new CommandFailedException("member did not start: " + e.getMessage());
        }
        out.println("floe " + name + " " + member.settings().memberId() + " running (stop with Ctrl-C)");
        out.flush();
        member.awaitTermination();
        boolean asked = CoordinatedShutdown.get(member.system()).getShutdownReason()
                .map(r -> r instanceof CoordinatedShutdown.JvmExitReason$).orElse(false);
        if (!asked) {
            throw new CommandFailedException("member " + member.settings().memberId()
                    + " was removed from the cluster (downed or could not join); see its log");
        }
    }
}
