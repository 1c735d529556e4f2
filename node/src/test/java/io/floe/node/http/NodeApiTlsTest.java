package io.floe.node.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.ServerBindings;
import io.floe.api.node.NodeClient;
import io.floe.api.tls.NodePins;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.keys.NodeTlsIdentity;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.tls.TlsFingerprint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node API served over real HTTPS on 127.0.0.1 with a node's self-signed certificate, and node clients that trust
 * it only by the fingerprint their committee records. The server answers 404 to everything: a metadata GET that
 * comes back empty proves the TLS handshake was accepted.
 */
class NodeApiTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final BlobId BLOB = BlobId.of(new byte[32]);
    @TempDir
    static Path dir;
    private static NodeTlsIdentity identity;
    private static String url;

    @BeforeAll
    static void serveHttps() {
        // Named for another host: pinning needs no name to match the address.
        identity = NodeTlsIdentity.loadOrCreate(dir.resolve("node"), "node-a.example");
        ServerBinding binding = ServerBindings.bind(TEST_KIT.system(), "127.0.0.1", 0,
                complete(StatusCodes.NOT_FOUND), "storage API", Optional.of(identity.serverContext()));
        url = "https://127.0.0.1:" + binding.localAddress().getPort();
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void pinnedClientReadsFromTlsNode() throws Exception {
        NodeClient client = client(url, Optional.of(identity.fingerprint()));
        assertEquals(Optional.empty(), client.getMetadata(BLOB).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void wrongFingerprintIsRefused() {
        NodeClient client = client(url, Optional.of(TlsFingerprint.of(new byte[32])));
        assertRefused(client);
    }

    @Test
    void nodeWithoutRecordedFingerprintIsRefused() {
        NodeClient client = client(url, Optional.empty());
        assertRefused(client);
    }

    @Test
    void fingerprintOfAnotherAddressIsRefused() {
        // The committee pins this certificate for another port: the address connected to has no pin.
        String elsewhere = "https://127.0.0.1:1";
        NodeClient client = new NodeClient(NodeClient.httpClient(TEST_KIT.system(), "tls-test",
                pins(elsewhere, Optional.of(identity.fingerprint()))), URI.create(url), TIMEOUT);
        assertRefused(client);
    }

    private static void assertRefused(NodeClient client) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.getMetadata(BLOB).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        Throwable cause = e.getCause();
        assertInstanceOf(SSLHandshakeException.class, cause, String.valueOf(cause));
        assertTrue(cause.getMessage().contains("127.0.0.1"), cause.getMessage());
    }

    private static NodeClient client(String nodeUrl, Optional<TlsFingerprint> recorded) {
        return new NodeClient(NodeClient.httpClient(TEST_KIT.system(), "tls-test", pins(nodeUrl, recorded)),
                URI.create(nodeUrl), TIMEOUT);
    }

    /** The pins of a one-node committee whose node announces {@code nodeUrl} and records {@code fingerprint}. */
    private static NodePins pins(String nodeUrl, Optional<TlsFingerprint> fingerprint) {
        Ed25519PublicKey key = Ed25519PublicKey.of(Ed25519.generate().getPublic());
        StorageNodeInfo node = new StorageNodeInfo(new NodeId("node-a"), nodeUrl, key, 1, fingerprint);
        Committee committee = new Committee(new Epoch(1), List.of(node), List.of(node.id()));
        Optional<EpochCommittees> epochs = Optional.of(EpochCommittees.genesis(committee, Instant.EPOCH,
                Duration.ofDays(1)));
        return NodePins.of(() -> epochs);
    }
}
