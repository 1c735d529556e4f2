package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A blob the gateway stored is read back without asking a node for its metadata (the store's encoding gave it) or
 * the control plane whether it is certified (the store's answer said so).
 */
class ReadAfterStoreTest {
    private final BlobWriterFixture fixture = new BlobWriterFixture("read-after-store");
    private final HttpClient http = HttpClient.newHttpClient();
    private Path spool;

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        if (spool != null) {
            Files.deleteIfExists(spool);
        }
    }

    @Test
    void aReadAfterAStoreAsksNeitherANodeForTheMetadataNorTheControlPlaneForTheStatus() throws Exception {
        spool = Files.createTempDirectory("floe-spool");
        URI gateway = fixture.serve(new UploadSettings(1 << 20, spool, 64L << 20));
        byte[] bytes = new byte[1024];
        new Random(31).nextBytes(bytes);
        EncodedBlob blob = new BlobEncoder(new EncodingConfig(BlobWriterFixture.N)).encode(bytes);
        fixture.nodes.forEach(node -> node.blob = blob);

        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/blobs?epochs=1&permanent=true"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        int lookupsBeforeRead = fixture.control.blobLookups.get();
        HttpResponse<byte[]> read = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/blobs/" + blob.blobId()))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, stored.statusCode(), stored::body);
        assertEquals(200, read.statusCode());
        assertArrayEquals(bytes, read.body());
        assertEquals(0, fixture.nodes.stream().mapToInt(n -> n.metadataRequests.get()).sum());
        assertEquals(lookupsBeforeRead, fixture.control.blobLookups.get());
    }
}
