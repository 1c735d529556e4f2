package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.cli.local.NetworkLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines of {@code floe local}'s epoch length and of add-node / remove-node, checked before any JVM starts. */
class LocalCommandTest {
    @TempDir
    Path dir;

    @Test
    void anEpochLengthNeedsAUnit() {
        assertFailure(Captured.run(new LocalCommand(), "--epoch-duration", "30", "--data", dir.toString()),
                ExitCodes.USAGE, "--epoch-duration: an epoch length is a whole number and a unit");
    }

    @Test
    void anExistingNetworkKeepsItsEpochLength() throws Exception {
        new NetworkLayout(dir, 2, 8, 31000, 31001, 31003).withEpochDuration("30s").write();
        assertFailure(Captured.run(new LocalCommand(), "--epoch-duration", "1m", "--data", dir.toString()),
                ExitCodes.USAGE, "created with --epoch-duration 30s");
    }

    @Test
    void addNodeChecksItsArgumentsThenNeedsANetwork() {
        assertFailure(local("add-node", "--stake", "0"), ExitCodes.USAGE, "--stake needs a number of FROST above 0");
        assertFailure(local("add-node", "--stake", "x"), ExitCodes.USAGE, "--stake needs a number of FROST above 0");
        assertFailure(local("add-node", "node-5"), ExitCodes.USAGE, "unexpected argument 'node-5'");
        assertFailure(local("add-node", "--timeout", "0"), ExitCodes.USAGE, "--timeout");
        assertFailure(local("add-node", "--nodes", "3"), ExitCodes.USAGE, "unknown option --nodes");
        assertFailure(local("add-node"), ExitCodes.FAILURE, "no network in " + dir);
    }

    @Test
    void removeNodeNeedsOneNodeIdAndARunningNetwork() throws Exception {
        assertFailure(local("remove-node"), ExitCodes.USAGE, "missing NODE_ID");
        assertFailure(local("remove-node", "Node_5"), ExitCodes.USAGE, "NODE_ID: node ID must be");
        assertFailure(local("remove-node", "node-5", "node-6"), ExitCodes.USAGE, "unexpected argument 'node-6'");
        assertFailure(local("remove-node", "node-5", "--stake", "5"), ExitCodes.USAGE, "unknown option --stake");
        // A layout whose gateway port nothing listens on: the network is not running.
        new NetworkLayout(dir, 2, 8, 1, 31001, 31003).write();
        assertFailure(local("remove-node", "node-3"), ExitCodes.FAILURE, "does not answer");
    }

    @Test
    void usageNamesTheNewCommands() {
        String usage = new LocalCommand().usage();
        assertTrue(usage.contains("floe local add-node [--data DIR] [--stake FROST] [--timeout SECONDS]"), usage);
        assertTrue(usage.contains("floe local remove-node NODE_ID [--data DIR] [--timeout SECONDS]"), usage);
        assertTrue(usage.contains("--epoch-duration D"), usage);
        assertEquals(NetworkLayout.LOCAL_STAKE, LocalCommand.stake(Arguments.parse(java.util.List.of(),
                java.util.Set.of(LocalMembership.STAKE), java.util.Set.of())));
    }

    private Captured local(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data";
        all[args.length + 1] = dir.toString();
        return Captured.run(new LocalCommand(), all);
    }
}
