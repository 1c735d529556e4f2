package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.cli.local.MemberProcess;
import io.floe.encoding.metadata.BlobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code floe local --tls} as a person runs it (a real process on custom ports, TLS on the node API and Artery): it
 * gets ready (its wait pins the nodes' certificates) and {@code floe health} reaches the nodes over pinned HTTPS; a
 * member JVM killed with -9 is started again without anyone's help, the gateway included, and the API stores and
 * reads again; Ctrl-C (SIGTERM) still stops everything with no restart. Also what the network leaves on disk: folders
 * 0700, key, certificate and journal files 0600, and a database that refuses the empty password.
 */
@MultiJvmTest
class LocalNetworkRestartsMembersTest {
    private static final Duration START = Duration.ofSeconds(240);
    private static final Duration SERVE_AGAIN = Duration.ofSeconds(180);
    private static final Pattern PID_LINE = Pattern.compile("^ {2}(\\S+) pid (\\d+), log ", Pattern.MULTILINE);

    private Process local;
    private Path output;

    @AfterEach
    void stopLocal() throws Exception {
        if (local != null && local.isAlive()) {
            local.destroy();
            if (!local.waitFor(60, TimeUnit.SECONDS)) {
                local.descendants().forEach(ProcessHandle::destroyForcibly);
                local.destroyForcibly();
            }
        }
    }

    @Test
    void restartsKilledMembersAndTheApiServesAgain() throws Exception {
        Path data = TestDirs.fresh(getClass()).resolve("floe-data");
        // API, 4 node ports, 5 cluster ports, 5 management ports.
        int base = Ports.freeBlock(15);
        start(data, base);
        Await.until(START, () -> text().contains("Floe is running"), "floe local to report the network ready");
        Gateway gateway = new Gateway("http://127.0.0.1:" + base);
        assertHealthOverPinnedTls(gateway);
        byte[] before = Blobs.random(1, 20_000);
        BlobId stored = gateway.store(before, "epochs=2").blobId();

        long gatewayPid = pidOf("gateway");
        long nodePid = pidOf("node-2");
        ProcessHandle.of(gatewayPid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(nodePid).ifPresent(ProcessHandle::destroyForcibly);
        Await.until(SERVE_AGAIN, () -> text().contains("gateway restarted") && text().contains("node-2 restarted"),
                "floe local to restart the gateway and node-2");
        byte[] after = Blobs.random(2, 30_000);
        BlobId second = Await.value(SERVE_AGAIN, () -> storeOnce(gateway, after), "a store after the restarts");
        assertArrayEquals(after, gateway.read(second).body());
        assertArrayEquals(before, gateway.read(stored).body());
        assertTrue(log(data, "gateway").contains("floe local: gateway exited with code 137; restarting it in 1 s"),
                "the restart is written to the member's log");

        assertOwnerOnly(data);
        stopAndCheckNothingRestarts();
    }

    private void start(Path data, int base) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(MemberProcess.inheritedJvmFlags());
        cmd.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.floe.cli.FloeMain", "local",
                "--nodes", "4", "--shards", "8", "--data", data.toString(), "--api-port", Integer.toString(base),
                "--node-port", Integer.toString(base + 1), "--artery-port", Integer.toString(base + 5),
                "--management-port", Integer.toString(base + 10), "--tls"));
        output = data.resolveSibling("floe-local.out");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        // Small members: five JVMs share the machine with the other tests' (see MemberJvms).
        builder.environment().put("FLOE_MEMBER_JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC");
        local = builder.start();
    }

    /**
     * {@code floe health} reaches every node over HTTPS, trusting each self-signed certificate only by the
     * fingerprint the gateway's {@code /status} shows for it (the ledger's record).
     */
    private static void assertHealthOverPinnedTls(Gateway gateway) {
        JsonNode rows = FloeCli.run("health", "--json", "--gateway", gateway.url()).json().path("healthInfo");
        assertEquals(4, rows.size(), rows::toString);
        for (JsonNode row : rows) {
            assertTrue(row.path("nodeUrl").asText().startsWith("https://127.0.0.1:"), row::toString);
            assertTrue(row.path("healthInfo").has("Ok"), row::toString);
        }
    }

    private String text() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long pidOf(String member) {
        Matcher m = PID_LINE.matcher(text());
        while (m.find()) {
            if (m.group(1).equals(member)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("floe local printed no pid for " + member + ":\n" + text());
    }

    private static Optional<BlobId> storeOnce(Gateway gateway, byte[] blob) {
        Http.Response r = gateway.put(blob, "epochs=2");
        return r.status() == 200 ? Optional.of(Gateway.answer(r.json()).blobId()) : Optional.empty();
    }

    private static String log(Path data, String member) throws IOException {
        return Files.readString(data.resolve(member).resolve("floe.log"), StandardCharsets.UTF_8);
    }

    private static void assertOwnerOnly(Path data) throws IOException {
        for (Path dir : List.of(data, data.resolve("node-1"), data.resolve("gateway"), data.resolve("journal"))) {
            assertEquals("rwx------", mode(dir), dir::toString);
        }
        assertEquals("rw-------", mode(data.resolve("node-1").resolve("protocol.key")));
        assertEquals("rw-------", mode(data.resolve("node-1").resolve("node-api-tls.p12")));
        assertEquals("rw-------", mode(data.resolve("tls").resolve("cluster-ca.pem")));
        try (Stream<Path> files = Files.list(data.resolve("journal"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".lock.db")).toList()) {
                assertEquals("rw-------", mode(f), f::toString);
            }
        }
        String url = "jdbc:h2:file:" + data.resolve("journal").resolve("floe") + ";AUTO_SERVER=TRUE";
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "sa", "").close());
        assertEquals(28000, refused.getErrorCode(), refused.getMessage());
    }

    /** SIGTERM, as Ctrl-C: every member stops, none is restarted. */
    private void stopAndCheckNothingRestarts() throws Exception {
        List<ProcessHandle> members = local.descendants().toList();
        long restartsBefore = text().lines().filter(l -> l.contains(" restarted, pid ")).count();
        local.destroy();
        assertTrue(local.waitFor(90, TimeUnit.SECONDS), "floe local stops within 90 s of SIGTERM");
        for (ProcessHandle m : members) {
            assertFalse(m.isAlive(), "member " + m.pid() + " outlives floe local");
        }
        assertEquals(restartsBefore, text().lines().filter(l -> l.contains(" restarted, pid ")).count(), text());
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
