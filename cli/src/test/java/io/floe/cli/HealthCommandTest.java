package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.floe.persistence.keys.NodeTlsIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HealthCommandTest {
    private static final String HEALTH = "{\"success\":{\"code\":200,\"data\":{\"uptime\":{\"secs\":125,\"nanos\":0},"
        + "\"epoch\":3,\"publicKey\":\"a2V5\",\"nodeStatus\":\"Active\",\"eventProgress\":{\"persisted\":1,"
        + "\"pending\":0,\"highestFinishedEventIndex\":null},\"shardSummary\":{\"owned\":5,\"ownedShardStatus\":"
        + "{\"unknown\":0,\"ready\":5,\"inTransfer\":0,\"inRecovery\":0},\"readOnly\":0}}}}";

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(HealthCommand::new);

    /** node-0 is this fake (its /v1/health answers); node-1 listens nowhere. */
    private void committee() {
        gateway.route("GET", "/status", 200, "{\"epoch\":3,\"nShards\":10,\"nodes\":["
            + "{\"id\":\"node-1\",\"url\":\"http://127.0.0.1:1\",\"shards\":[5],\"publicKey\":\"b\",\"stake\":1,"
            + "\"up\":false},"
            + "{\"id\":\"node-0\",\"url\":\"" + gateway.url() + "\",\"shards\":[0],\"publicKey\":\"a2V5\",\"stake\":1,"
            + "\"up\":true}]}");
        gateway.route("GET", "/v1/health", 200, HEALTH);
    }

    @Test
    void jsonIsWalrusServiceHealthInfoOutput() throws Exception {
        committee();

        Captured result = gateway.run("--json", "--detail");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode root = new ObjectMapper().readTree(result.out());
        assertTrue(root.get("latestSeq").isNull());
        JsonNode first = root.get("healthInfo").get(0);
        assertEquals("node-0", first.get("nodeId").asText());
        assertEquals(gateway.url(), first.get("nodeUrl").asText());
        assertEquals("Active", first.get("healthInfo").get("Ok").get("nodeStatus").asText());
        // Walrus's Result: failures sort last and carry their reason.
        assertTrue(root.get("healthInfo").get(1).get("healthInfo").has("Err"), result.out());
        assertEquals("detailed=true", gateway.requests("GET", "/v1/health").get(0).query());
    }

    /**
     * A TLS node (a self-signed certificate, as a Floe node makes) answers when the gateway shows its fingerprint; a
     * node whose certificate is not the one shown is refused at the handshake and is an error row.
     */
    @Test
    void tlsNodesAreTrustedByTheFingerprintTheGatewayShows(@TempDir Path dir) throws Exception {
        NodeTlsIdentity pinned = NodeTlsIdentity.loadOrCreate(dir.resolve("a"), "127.0.0.1");
        NodeTlsIdentity other = NodeTlsIdentity.loadOrCreate(dir.resolve("b"), "127.0.0.1");
        HttpsServer good = httpsNode(pinned);
        HttpsServer impostor = httpsNode(other);
        try {
            String goodUrl = "https://127.0.0.1:" + good.getAddress().getPort();
            String impostorUrl = "https://127.0.0.1:" + impostor.getAddress().getPort();
            gateway.route("GET", "/status", 200, "{\"epoch\":3,\"nShards\":10,\"nodes\":["
                + tlsNode("node-a", goodUrl, pinned.fingerprint().hex()) + ","
                + tlsNode("node-b", impostorUrl, pinned.fingerprint().hex()) + "]}");

            JsonNode rows = new ObjectMapper().readTree(gateway.run("--json").out()).get("healthInfo");

            assertEquals("node-a", rows.get(0).get("nodeId").asText());
            assertEquals("Active", rows.get(0).get("healthInfo").get("Ok").get("nodeStatus").asText(), rows.toString());
            assertEquals("node-b", rows.get(1).get("nodeId").asText());
            assertTrue(rows.get(1).get("healthInfo").has("Err"), rows.toString());
        } finally {
            good.stop(0);
            impostor.stop(0);
        }
    }

    private static String tlsNode(String id, String url, String fingerprint) {
        return "{\"id\":\"" + id + "\",\"url\":\"" + url + "\",\"shards\":[0],\"publicKey\":\"a2V5\","
            + "\"stake\":1,\"up\":true,\"tlsFingerprint\":\"" + fingerprint + "\"}";
    }

    private static HttpsServer httpsNode(NodeTlsIdentity identity) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
        server.createContext("/v1/health", exchange -> {
            byte[] body = HEALTH.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void humanFormIsOneLinePerNode() {
        committee();

        Captured result = gateway.run("--node-ids", "node-0");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("node-0 (" + gateway.url() + "): Active, epoch 3, shards 5 ready of 5 owned, up 2m 5s\n",
            result.out());
        CliAssertions.assertFailure(gateway.run("--committee", "--node-ids", "node-0"), ExitCodes.USAGE, "only one");
    }
}
