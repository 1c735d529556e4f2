package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.await;
import static io.floe.api.node.NodeApiFixture.encode;
import static io.floe.api.node.NodeApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleProof;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.RecoverySymbol;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.encoding.redstuff.SliverRebuilder;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecoveryEndpointsTest {
    private static final int N = NodeApiFixture.N;
    private static final SliverIndex TARGET = new SliverIndex(3);
    private final NodeApiFixture fixture = new NodeApiFixture();
    private final BackendServer servers = new BackendServer();

    @AfterEach
    void stop() {
        servers.close();
        fixture.close();
    }

    @Test
    void servesOneProvenSymbolPerHeldSliverThatRebuildsTheTarget() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = stored(node, 6000, 1);

        RecoverySymbolList.Fetched<RecoverySymbol> all = await(node.client().recoverySymbols(blob.blobId(),
                SliverType.SECONDARY, TARGET, List.of()));
        RecoverySymbolList.Fetched<RecoverySymbol> some = await(node.client().recoverySymbols(blob.blobId(),
                SliverType.SECONDARY, TARGET, List.of(new SliverIndex(0), new SliverIndex(5), new SliverIndex(9))));

        assertEquals(N, all.symbols().size());
        assertTrue(all.symbols().stream().allMatch(s -> s.verify(blob.metadata())));
        Sliver rebuilt = new SliverRebuilder(blob.metadata()).rebuild(SliverType.SECONDARY, TARGET, all.symbols());
        assertEquals(blob.sliver(SliverType.SECONDARY, TARGET), rebuilt);
        assertEquals(Set.of(0, 5, 9), some.symbols().stream().map(s -> s.sourceIndex().value()).collect(Collectors.toSet()));
        assertTrue(some.bodyBytes() > 3L * blob.symbolSize() && some.bodyBytes() < all.bodyBytes());
    }

    @Test
    void servesProofFreeDecodingSymbolsThatRebuildThePrimaryTarget() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = stored(node, 3000, 2);

        RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols> fetched = await(node.client().decodingSymbols(
                blob.blobId(), SliverType.PRIMARY, List.of(TARGET), List.of()));
        RecoverySymbolList.Fetched<RecoverySymbol> proven = await(node.client().recoverySymbols(blob.blobId(),
                SliverType.PRIMARY, TARGET, List.of()));

        List<RecoverySymbolList.DecodingSymbol> symbols = fetched.symbols().get(0).symbols();
        byte[][] bySource = new byte[N][];
        symbols.forEach(s -> bySource[s.source().value()] = s.data());
        Sliver rebuilt = new SliverRebuilder(blob.metadata()).rebuildFromDecodingSymbols(SliverType.PRIMARY, TARGET, bySource);
        assertEquals(blob.sliver(SliverType.PRIMARY, TARGET), rebuilt);
        assertEquals(List.of(TARGET), fetched.symbols().stream().map(RecoverySymbolList.TargetSymbols::target).toList());
        assertEquals(N, symbols.size());
        // Tag, u16 index and a one-byte length per symbol (below 128 bytes), plus the one-entry map's header.
        assertEquals((long) N * (blob.symbolSize() + 4) + 4, fetched.bodyBytes(), "symbol size " + blob.symbolSize());
        assertTrue(proven.bodyBytes() > fetched.bodyBytes());
    }

    @Test
    void servesDecodingSymbolsForSeveralTargetsInOneAnswer() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = stored(node, 3000, 7);
        List<SliverIndex> targets = List.of(new SliverIndex(1), TARGET, new SliverIndex(8));

        RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols> fetched = await(node.client().decodingSymbols(
                blob.blobId(), SliverType.SECONDARY, targets, List.of(new SliverIndex(0), new SliverIndex(5))));
        RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols> single = await(node.client().decodingSymbols(
                blob.blobId(), SliverType.SECONDARY, List.of(TARGET), List.of(new SliverIndex(0), new SliverIndex(5))));

        assertEquals(targets, fetched.symbols().stream().map(RecoverySymbolList.TargetSymbols::target).toList());
        SliverRebuilder rebuilder = new SliverRebuilder(blob.metadata());
        for (RecoverySymbolList.TargetSymbols forTarget : fetched.symbols()) {
            assertEquals(List.of(0, 5), forTarget.symbols().stream().map(s -> s.source().value()).toList());
            for (RecoverySymbolList.DecodingSymbol symbol : forTarget.symbols()) {
                byte[] expected = rebuilder.decodingSymbols(blob.sliver(SliverType.PRIMARY, symbol.source()),
                        forTarget.target())[0];
                assertArrayEquals(expected, symbol.data(), "source " + symbol.source() + " for " + forTarget.target());
            }
        }
        assertArrayEquals(single.symbols().get(0).symbols().get(1).data(), fetched.symbols().get(1).symbols().get(1).data());
    }

    @Test
    void boundsABatchedAnswerByTheSourceSliversHeldNotByN() {
        NodeApiFixture.Node plain = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 8);
        plain.backend().storeMetadata(blob.metadata());
        int held = 3;
        for (int i = 0; i < held; i++) {
            storePair(plain, blob, i);
        }
        List<SliverIndex> targets = IntStream.range(0, N).mapToObj(SliverIndex::new).toList();
        // Just the answer of every target from the three held sources; N sources would be more than three times that.
        long answerBytes = (long) N * held * blob.symbolSize();
        BackendServer.Started node = servers.start(bounded(plain.backend(), answerBytes));
        BackendServer.Started tighter = servers.start(bounded(plain.backend(), answerBytes - 1));

        RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols> fetched = await(node.client().decodingSymbols(
                blob.blobId(), SliverType.SECONDARY, targets, List.of()));
        HttpResponse<String> refused = fixture.raw("GET", URI.create(tighter.url() + ApiPaths.recoverySymbols(blob.blobId())
                + "?targetSliver=" + targets.stream().map(t -> Integer.toString(t.value())).collect(Collectors.joining(","))
                + "&targetType=secondary&proofs=false"), null);

        assertEquals(targets, fetched.symbols().stream().map(RecoverySymbolList.TargetSymbols::target).toList());
        assertTrue(fetched.symbols().stream().allMatch(t -> t.symbols().size() == held));
        assertEquals(400, refused.statusCode());
        assertEquals(RecoveryEndpoints.INVALID_RECOVERY_QUERY,
                json(refused).path("error").path("details").path(0).path("reason").asText());
    }

    private static NodeBackend bounded(NodeBackend backend, long answerBytes) {
        return BackendServer.overriding(backend, (method, args) -> method.equals("recoveryAnswerBytes")
                ? answerBytes : BackendServer.CALL_THROUGH);
    }

    @Test
    void answersInWalrusGeneralRecoverySymbolLayout() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = stored(node, 3000, 3);
        String query = "?targetSliver=3&targetType=primary&sourceSlivers=6";

        HttpResponse<byte[]> response = servers.getBytes(
                URI.create(node.url() + ApiPaths.recoverySymbols(blob.blobId()) + query));

        BcsReader in = new BcsReader(response.body());
        assertEquals(200, response.statusCode());
        assertEquals(1, in.length(), "one symbol");
        assertEquals(0, in.variant(), "EitherDecodingSymbol::Primary: for a primary target");
        assertEquals(6, in.u16(), "source sliver index");
        byte[] data = in.bytes();
        assertEquals(3, in.u16(), "target index");
        MerkleProof proof = MerkleProof.readFrom(in);
        in.expectEnd();
        RecoverySymbol symbol = new RecoverySymbol(SliverType.SECONDARY, new SliverIndex(6), TARGET, data, proof);
        assertTrue(symbol.verify(blob.metadata()));
        assertArrayEquals(blob.sliver(SliverType.PRIMARY, TARGET).symbol(6), data,
                "symbol 6 of a systematic primary sliver is its own source symbol");
    }

    @Test
    void servesOnlySliversOnShardsItHolds() {
        NodeApiFixture.Node node = fixture.startHalfNode();
        EncodedBlob blob = encode(4000, 4);
        node.backend().storeMetadata(blob.metadata());
        int rotation = blob.blobId().rotation(N);
        for (int i = 0; i < N; i++) {
            if (new SliverPairIndex(i).shard(rotation, N).value() < N / 2) {
                storePair(node, blob, i);
            }
        }
        // Shard 0 has moved to node b in a finished epoch change; its slivers are still on disk here.
        List<NodeId> owners = new ArrayList<>(node.backend().committee().shardOwners());
        owners.set(0, NodeApiFixture.NODE_B);
        node.backend().epochs(EpochCommittees.genesis(fixture.committee(owners), Instant.EPOCH, Duration.ofDays(1)));
        node.backend().release(new ShardIndex(0));

        List<RecoverySymbol> symbols = await(node.client().recoverySymbols(blob.blobId(), SliverType.SECONDARY,
                TARGET, List.of())).symbols();

        assertEquals(N / 2 - 1, symbols.size());
        for (RecoverySymbol s : symbols) {
            ShardIndex shard = SliverPairIndex.of(SliverType.PRIMARY, s.sourceIndex(), N).shard(rotation, N);
            assertTrue(shard.value() >= 1 && shard.value() < N / 2, "served from shard " + shard.value());
        }
    }

    @Test
    void answers404WithoutMetadataOrHeldSlivers() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 5);
        URI uri = URI.create(node.url() + ApiPaths.recoverySymbols(blob.blobId()) + "?targetSliver=1&targetType=primary");

        HttpResponse<String> noMetadata = fixture.raw("GET", uri, null);
        node.backend().storeMetadata(blob.metadata());
        HttpResponse<String> noSlivers = fixture.raw("GET", uri, null);
        RecoverySymbolList.Fetched<RecoverySymbol> viaClient = await(node.client().recoverySymbols(blob.blobId(),
                SliverType.PRIMARY, new SliverIndex(1), List.of()));

        assertEquals(404, noMetadata.statusCode());
        assertEquals(MetadataEndpoints.METADATA_NOT_FOUND, json(noMetadata).path("error").path("details").path(0).path("reason").asText());
        assertEquals(404, noSlivers.statusCode());
        assertEquals(RecoveryEndpoints.SYMBOLS_NOT_FOUND, json(noSlivers).path("error").path("details").path(0).path("reason").asText());
        assertEquals(List.of(), viaClient.symbols());
        assertEquals(noSlivers.body().length(), viaClient.bodyBytes());
    }

    @Test
    void answers400ForMalformedParameters() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = stored(node, 3000, 6);
        String base = node.url() + ApiPaths.recoverySymbols(blob.blobId());
        List<String> queries = List.of("", "?targetSliver=1", "?targetType=primary", "?targetSliver=x&targetType=primary",
                "?targetSliver=1&targetType=diagonal", "?targetSliver=10&targetType=primary",
                "?targetSliver=1&targetType=primary&sourceSlivers=2,2", "?targetSliver=1&targetType=primary&sourceSlivers=",
                "?targetSliver=1&targetType=primary&sourceSlivers=12", "?targetSliver=1&targetType=primary&proofs=maybe",
                "?targetSliver=99999&targetType=primary", "?targetSliver=1,1&targetType=primary",
                "?targetSliver=1,10&targetType=primary", "?targetSliver=1,&targetType=primary");

        for (String query : queries) {
            HttpResponse<String> response = fixture.raw("GET", URI.create(base + query), null);
            assertEquals(400, response.statusCode(), query + ": " + response.body());
            assertEquals(400, json(response).path("error").path("code").intValue(), response.body());
            assertTrue(json(response).path("error").path("details").path(0).path("reason").isTextual(), response.body());
        }
        assertEquals(400, fixture.raw("GET", URI.create(node.url() + "/v1/blobs/nope/recoverySymbols"
                + "?targetSliver=1&targetType=primary"), null).statusCode());
    }

    @Test
    void refusesRequestsBeyondTheConcurrencyLimitWith503() throws InterruptedException {
        NodeApiFixture.Node plain = fixture.startSoleNode();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        NodeBackend gated = BackendServer.overriding(plain.backend(), (method, args) -> switch (method) {
            case "recoverySymbolRequests" -> 1;
            case "sliver" -> {
                entered.countDown();
                awaitLatch(gate);
                yield BackendServer.CALL_THROUGH;
            }
            default -> BackendServer.CALL_THROUGH;
        });
        BackendServer.Started node = servers.start(gated);
        EncodedBlob blob = stored(plain, 3000, 7);
        URI uri = URI.create(node.url() + ApiPaths.recoverySymbols(blob.blobId()) + "?targetSliver=1&targetType=primary");

        CompletableFuture<RecoverySymbolList.Fetched<RecoverySymbol>> first = node.client().recoverySymbols(
                blob.blobId(), SliverType.PRIMARY, new SliverIndex(1), List.of());
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the first request reached the store");
        HttpResponse<String> busy = fixture.raw("GET", uri, null);
        gate.countDown();
        int served = await(first).symbols().size();
        HttpResponse<String> after = fixture.raw("GET", uri, null);

        assertEquals(503, busy.statusCode());
        assertEquals(RecoveryEndpoints.RECOVERY_BUSY, json(busy).path("error").path("details").path(0).path("reason").asText());
        assertEquals(N, served);
        assertEquals(200, after.statusCode(), "the permit came back");
    }

    @Test
    void healthCarriesRecoveryCountersAndEventProgress() {
        NodeApiFixture.Node plain = fixture.startSoleNode();
        NodeHealth.Recovery counters = new NodeHealth.Recovery(4, 9000, 8000, 1, 1, 50, 2, 12, 3);
        NodeBackend backend = BackendServer.overriding(plain.backend(),
                (method, args) -> method.equals("recovery") ? counters : BackendServer.CALL_THROUGH);
        BackendServer.Started node = servers.start(backend);

        NodeHealth health = await(node.client().health());
        JsonNode data = json(fixture.raw("GET", URI.create(node.url() + ApiPaths.health()), null)).path("success").path("data");
        NodeHealth plainHealth = await(plain.client().health());

        assertEquals(counters, health.recovery());
        assertEquals(9000, data.path("recovery").path("bytesFetched").asLong());
        assertEquals(12, data.path("eventProgress").path("persisted").asLong());
        assertEquals(3, data.path("eventProgress").path("pending").asLong());
        assertEquals(NodeHealth.Recovery.NONE, plainHealth.recovery());
    }

    private static EncodedBlob stored(NodeApiFixture.Node node, int length, long seed) {
        EncodedBlob blob = encode(length, seed);
        node.backend().storeMetadata(blob.metadata());
        for (int i = 0; i < N; i++) {
            storePair(node, blob, i);
        }
        return blob;
    }

    private static void storePair(NodeApiFixture.Node node, EncodedBlob blob, int i) {
        SliverPair pair = blob.pair(new SliverPairIndex(i));
        node.backend().storeSliver(blob.blobId(), pair.index(), pair.primary());
        node.backend().storeSliver(blob.blobId(), pair.index(), pair.secondary());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("gate not opened within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
