package io.floe.api.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.api.http.HttpCalls;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The storage node's routes sit behind Walrus's node CORS: preflights without max-age, any origin allowed. */
class NodeRoutesCorsTest {
    private final NodeApiFixture fixture = new NodeApiFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aPageMayCallTheNodeFromAnyOrigin() throws Exception {
        NodeApiFixture.Node node = fixture.startSoleNode();
        HttpResponse<byte[]> preflight = HttpCalls.send(node.url(), "OPTIONS", "/v1/blobs/x/metadata",
                "Origin", "http://127.0.0.1:1", "Access-Control-Request-Method", "PUT");
        assertEquals(200, preflight.statusCode());
        assertEquals("*", HttpCalls.header(preflight, "Access-Control-Allow-Methods"));
        assertEquals("(absent)", HttpCalls.header(preflight, "Access-Control-Max-Age"));
        HttpResponse<byte[]> health = HttpCalls.send(node.url(), "GET", "/v1/health", "Origin", "http://127.0.0.1:1");
        assertEquals(200, health.statusCode());
        assertEquals("*", HttpCalls.header(health, "Access-Control-Allow-Origin"));
    }
}
