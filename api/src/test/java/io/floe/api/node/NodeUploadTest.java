package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.await;
import static io.floe.api.node.NodeApiFixture.encode;
import static io.floe.api.node.NodeApiFixture.failure;
import static io.floe.api.node.NodeApiFixture.registration;
import static io.floe.protocol.testing.MessageOracle.blobCert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.ApiPaths;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.signing.SignedMessage;
import io.floe.protocol.testing.TestKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Floe's one-request upload route and the registration a node remembers between a store's requests. */
class NodeUploadTest {
    /** Walrus's reason for a blob not registered here, the one its TS SDK keys on (the wire carries no other). */
    private static final String NOT_REGISTERED = "NOT_REGISTERED";

    private final NodeApiFixture fixture = new NodeApiFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void storesMetadataAndSliversAndConfirmsInOneRequest() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 21);
        node.control().put(blob.blobId(), registration(false));

        SignedMessage signed = await(node.client().upload(blob.metadata(), allSlivers(blob), Optional.empty()));

        assertArrayEquals(blobCert(NodeApiFixture.EPOCH, blob.blobId(), null), signed.serializedMessage());
        assertTrue(TestKey.verifies(node.backend().publicKey(), signed));
        assertTrue(node.backend().metadata(blob.blobId()).isPresent());
        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.SECONDARY, new SliverPairIndex(7)));
        assertEquals(1, node.control().blobLookups(), "the confirmation reuses the registration seen for the metadata");
    }

    @Test
    void confirmsADeletableUploadByItsObjectIdOnly() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(500, 22);
        Registration deletable = registration(true);
        node.control().put(blob.blobId(), deletable);

        SignedMessage signed = await(node.client().upload(blob.metadata(), allSlivers(blob), Optional.of(deletable.objectId())));
        NodeRequestException other = failure(node.client().confirmation(blob.blobId(), Optional.of(ObjectId.random())));

        assertArrayEquals(blobCert(NodeApiFixture.EPOCH, blob.blobId(), deletable.objectId()), signed.serializedMessage());
        assertEquals(NOT_REGISTERED, other.code());
        assertEquals(2, node.control().blobLookups(), "a check the remembered record fails asks the entity again");
    }

    @Test
    void refusesAnUnregisteredBlobAndStoresNothing() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 23);

        NodeRequestException refused = failure(node.client().upload(blob.metadata(), allSlivers(blob), Optional.empty()));

        assertEquals(400, refused.status());
        assertEquals(NOT_REGISTERED, refused.code());
        assertFalse(node.backend().metadata(blob.blobId()).isPresent());
        assertFalse(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(0)));
    }

    @Test
    void answersAMalformedUploadWith400() throws Exception {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(300, 24);
        node.control().put(blob.blobId(), registration(false));
        URI uri = URI.create(node.url() + ApiPaths.floeUpload(blob.blobId(), Optional.empty()));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {5, 1, 2})).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains(UploadEndpoint.INVALID_UPLOAD), response.body());
    }

    @Test
    void separateRequestsAskTheRegistrationOnce() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 25);
        node.control().put(blob.blobId(), registration(false));

        await(node.client().putMetadata(blob.metadata()));
        await(node.client().putSlivers(blob.blobId(), allSlivers(blob)));
        await(node.client().confirmation(blob.blobId(), Optional.empty()));

        assertEquals(1, node.control().blobLookups());
    }

    @Test
    void holdsAnUploadUnregisteredAndWritesItOnlyAtAConfirmationAfterTheRegistration() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 26);

        await(node.client().hold(blob.metadata(), allSlivers(blob)));
        boolean storedWhileHeld = node.backend().metadata(blob.blobId()).isPresent()
                || node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(0));
        NodeRequestException early = failure(node.client().confirmation(blob.blobId(), Optional.empty()));
        boolean storedAfterRefusal = node.backend().metadata(blob.blobId()).isPresent();
        node.control().put(blob.blobId(), registration(false));
        SignedMessage signed = await(node.client().confirmation(blob.blobId(), Optional.empty()));

        assertFalse(storedWhileHeld, "nothing is written before a registration passes");
        assertEquals(NOT_REGISTERED, early.code());
        assertFalse(storedAfterRefusal);
        assertArrayEquals(blobCert(NodeApiFixture.EPOCH, blob.blobId(), null), signed.serializedMessage());
        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.SECONDARY, new SliverPairIndex(NodeApiFixture.N - 1)));
    }

    @Test
    void holdingAsksNoRegistration() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 27);

        await(node.client().hold(blob.metadata(), allSlivers(blob)));

        assertEquals(0, node.control().blobLookups());
    }

    @Test
    void refusesToHoldASliverThatDoesNotMatchItsMetadataAndNeverConfirmsWithoutIt() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 28);
        List<SliverBatch.Entry> slivers = allSlivers(blob);
        SliverBatch.Entry honest = slivers.get(3);
        byte[] data = honest.sliver().data().clone();
        data[data.length / 2] ^= 0x40;
        slivers.set(3, new SliverBatch.Entry(honest.pair(), new io.floe.encoding.redstuff.Sliver(honest.sliver().type(),
                honest.sliver().index(), honest.sliver().symbolSize(), data)));

        NodeRequestException refused = failure(node.client().hold(blob.metadata(), slivers));
        node.control().put(blob.blobId(), registration(false));
        NodeRequestException unconfirmed = failure(node.client().confirmation(blob.blobId(), Optional.empty()));

        assertEquals(400, refused.status());
        assertEquals(ConfirmationEndpoint.NOT_ALL_SLIVERS_STORED, unconfirmed.code());
        assertFalse(node.backend().hasSliver(blob.blobId(), honest.sliver().type(), honest.pair()));
    }

    @Test
    void holdingAnUploadOfAStoredBlobStoresItsSlivers() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 29);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));

        await(node.client().hold(blob.metadata(), allSlivers(blob)));

        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(2)));
    }

    private static List<SliverBatch.Entry> allSlivers(EncodedBlob blob) {
        List<SliverBatch.Entry> entries = new ArrayList<>();
        for (int i = 0; i < NodeApiFixture.N; i++) {
            SliverPair pair = blob.pair(new SliverPairIndex(i));
            entries.add(new SliverBatch.Entry(pair.index(), pair.primary()));
            entries.add(new SliverBatch.Entry(pair.index(), pair.secondary()));
        }
        return entries;
    }
}
