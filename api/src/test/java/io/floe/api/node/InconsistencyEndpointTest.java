package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.await;
import static io.floe.api.node.NodeApiFixture.encode;
import static io.floe.api.node.NodeApiFixture.failure;
import static io.floe.api.node.NodeApiFixture.json;
import static io.floe.api.node.NodeApiFixture.registration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.json.Json;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.InconsistencyProof;
import io.floe.encoding.redstuff.RecoverySymbol;
import io.floe.encoding.redstuff.SliverRebuilder;
import io.floe.encoding.redstuff.SliverVerifier;
import io.floe.encoding.testing.InconsistentEncoding;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.ProtocolMessages;
import io.floe.protocol.signing.SignedMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/blobs/{id}/inconsistencyProof/{axis}} and a node's refusal to serve a blob it knows is invalid. */
class InconsistencyEndpointTest {
    private static final int ROW = 6;
    private final NodeApiFixture fixture = new NodeApiFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void tamperedSliverVerifiesAloneAgainstTheLie() {
        InconsistentEncoding blob = InconsistentEncoding.tamperingPrimary(encode(3000, 5), ROW);
        SliverVerifier verifier = new SliverVerifier(blob.metadata());
        for (int i = 0; i < NodeApiFixture.N; i++) {
            assertTrue(verifier.isValid(blob.sliver(SliverType.PRIMARY, new SliverIndex(i))), "primary " + i);
            assertTrue(verifier.isValid(blob.sliver(SliverType.SECONDARY, new SliverIndex(i))), "secondary " + i);
        }
    }

    @Test
    void signsInvalidBlobForAValidProof() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        InconsistentEncoding blob = InconsistentEncoding.tamperingPrimary(encode(3000, 5), ROW);
        node.backend().storeMetadata(blob.metadata());
        BlobId id = blob.metadata().blobId();

        SignedMessage signed = await(node.client().postInconsistencyProof(id, blob.proof()));

        assertArrayEquals(ProtocolMessages.invalidBlob(NodeApiFixture.EPOCH, id), signed.serializedMessage());
        assertTrue(Ed25519.verify(node.backend().publicKey(), signed.serializedMessage(), signed.signature()));
        HttpResponse<String> raw = fixture.raw("POST", uri(node, ApiPaths.inconsistencyProof(id, SliverType.PRIMARY)),
                blob.proof().toBcs());
        assertEquals(200, raw.statusCode());
        JsonNode data = json(raw).path("success").path("data");
        assertEquals(Base64.getEncoder().encodeToString(signed.serializedMessage()),
                data.path("serializedMessage").asText(), "Walrus's bare signed message, no {\"signed\":...}");
        assertTrue(data.path("signature").isTextual());
    }

    @Test
    void refusesProofOfAConsistentBlob() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob honest = encode(3000, 6);
        node.backend().storeMetadata(honest.metadata());
        SliverRebuilder rebuilder = new SliverRebuilder(honest.metadata());
        List<RecoverySymbol> symbols = new ArrayList<>();
        for (int c = 0; c < NodeApiFixture.N; c++) {
            symbols.addAll(rebuilder.recoverySymbols(honest.sliver(SliverType.SECONDARY, new SliverIndex(c)),
                    new SliverIndex(ROW)));
        }
        InconsistencyProof claim = new InconsistencyProof(SliverType.PRIMARY, new SliverIndex(ROW), symbols);

        NodeRequestException e = failure(node.client().postInconsistencyProof(honest.blobId(), claim));

        assertEquals(400, e.status());
        assertEquals(InconsistencyEndpoint.INVALID_PROOF, e.code());
    }

    @Test
    void refusesAProofPostedOnTheOtherAxisOrMalformed() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        InconsistentEncoding blob = InconsistentEncoding.tamperingPrimary(encode(3000, 5), ROW);
        node.backend().storeMetadata(blob.metadata());
        BlobId id = blob.metadata().blobId();

        HttpResponse<String> otherAxis = fixture.raw("POST",
                uri(node, ApiPaths.inconsistencyProof(id, SliverType.SECONDARY)), blob.proof().toBcs());
        HttpResponse<String> garbage = fixture.raw("POST",
                uri(node, ApiPaths.inconsistencyProof(id, SliverType.PRIMARY)), new byte[] {1, 2, 3});
        HttpResponse<String> badAxis = fixture.raw("POST", uri(node, ApiPaths.blob(id) + "/inconsistencyProof/rows"),
                blob.proof().toBcs());

        assertError(otherAxis, 400, InconsistencyEndpoint.INVALID_PROOF);
        assertError(garbage, 400, InconsistencyEndpoint.MALFORMED_PROOF);
        assertError(badAxis, 400, ShardPlacement.INVALID_SLIVER_TYPE);
    }

    @Test
    void cannotCheckAProofWithoutTheMetadata() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        InconsistentEncoding blob = InconsistentEncoding.tamperingPrimary(encode(3000, 5), ROW);

        NodeRequestException e = failure(node.client().postInconsistencyProof(blob.metadata().blobId(), blob.proof()));

        assertEquals(409, e.status());
        assertEquals(InconsistencyEndpoint.METADATA_NOT_STORED, e.code());
    }

    @Test
    void signsABlobItKnowsInvalidWithoutItsMetadata() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        InconsistentEncoding blob = InconsistentEncoding.tamperingPrimary(encode(3000, 5), ROW);
        BlobId id = blob.metadata().blobId();
        node.backend().markInvalid(id);

        SignedMessage signed = await(node.client().postInconsistencyProof(id, blob.proof()));

        assertArrayEquals(ProtocolMessages.invalidBlob(NodeApiFixture.EPOCH, id), signed.serializedMessage());
    }

    @Test
    void servesAndStoresNothingOfAnInvalidBlob() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(2000, 7);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));
        SliverPairIndex pair = new SliverPairIndex(0);
        await(node.client().putSliver(blob.blobId(), pair, blob.pair(pair).primary()));
        node.backend().markInvalid(blob.blobId());
        node.control().putInvalid(blob.blobId(), registration(false));

        assertError(fixture.raw("GET", uri(node, ApiPaths.metadata(blob.blobId())), null), 404,
                InconsistencyEndpoint.BLOB_INVALID);
        assertError(fixture.raw("GET", uri(node, ApiPaths.sliver(blob.blobId(), pair, SliverType.PRIMARY)), null),
                404, InconsistencyEndpoint.BLOB_INVALID);
        assertError(fixture.raw("GET", uri(node, ApiPaths.sliverBatch(blob.blobId(), SliverType.PRIMARY) + "?pairs=0"),
                null), 404, InconsistencyEndpoint.BLOB_INVALID);
        assertEquals(Optional.empty(), await(node.client().getMetadata(blob.blobId())), "readers see it as absent");
        assertError(fixture.raw("PUT", uri(node, ApiPaths.sliver(blob.blobId(), pair, SliverType.PRIMARY)),
                blob.pair(pair).primary().toBcs()), 404, InconsistencyEndpoint.BLOB_INVALID);
        NodeRequestException put = failure(node.client().putMetadata(blob.metadata()));
        assertEquals(409, put.status());
        assertEquals(InconsistencyEndpoint.BLOB_INVALID, put.code());
        NodeRequestException confirm = failure(node.client().confirmation(blob.blobId(), Optional.empty()));
        assertEquals(InconsistencyEndpoint.BLOB_INVALID, confirm.code());
        JsonNode status = json(fixture.raw("GET", uri(node, ApiPaths.blobStatus(blob.blobId())), null));
        assertTrue(status.path("success").path("data").path("invalid").path("event").isObject(), status::toString);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response::body);
        JsonNode error = Json.parse(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("error");
        assertEquals(code, error.path("details").path(0).path("reason").asText(), response::body);
    }

    private static URI uri(NodeApiFixture.Node node, String path) {
        return URI.create(node.url() + path);
    }
}
