package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.HostileAnswers;
import io.floe.api.RawHttp;
import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.quilt.QuiltFile;
import io.floe.encoding.quilt.QuiltPatchId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client and node APIs of a real network of 4 storage-node JVMs and a gateway JVM: what goes in comes out byte
 * for byte, whole or in ranges; a repeated store is recognised; bad requests get the documented error JSON; and a
 * storage node refuses a sliver that does not match the blob's metadata without touching the one it holds. Quilts
 * go through the {@code floe} CLI end to end: {@code store-quilt} answers the IDs the encoders give, each patch reads
 * back over HTTP by patch ID and by identifier, and {@code list-patches-in-quilt} and {@code read-quilt} give the same
 * identifiers, tags and bytes.
 *
 * <p>25 shards, because a network of n shards encodes at most np * ns * 65534 bytes (1.8 MB for n = 10, 4.3 MB for
 * n = 16, 10 MB for n = 25) and an 8 MiB blob is among the sizes tested.
 */
@MultiJvmTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NetworkServesBlobsTest {
    private static final int NODES = 4;
    private static final int SHARDS = 25;
    private static final long MAX_BODY = 16L * 1024 * 1024;

    /**
     * The network this class shares with {@code NetworkHealsItselfTest} (which runs first, by name, and leaves it
     * whole), to save a start-up: TLS on (issue 15), scrubbing fast enough to find a corrupted sliver within seconds,
     * and a 16 MiB publisher limit.
     */
    static final NetworkSpec SHARED = NetworkSpec.of(NODES, SHARDS)
            .withMemberOptions("-Dfloe.gateway.max-body-size=16MiB",
                    "-Dfloe.scrub.slivers-per-second=2000", "-Dfloe.scrub.pass-interval=1s")
            .withTls();

    @RegisterExtension
    static final FloeNetworkExtension NETWORK = FloeNetworkExtension.shared(SHARED);

    private static FloeNetwork network;
    private static Gateway gateway;
    @TempDir
    static Path scratch;
    private static Quilts.Stored tagged;

    @BeforeAll
    static void connect() {
        network = NETWORK.network();
        gateway = new Gateway(network.gatewayUrl());
    }

    @Test
    void listBlobsShowsStoredBlobsThroughTheReadSide() {
        List<String> stored = List.of(gateway.store(Blobs.random(77, 500), "").blobId().toString(),
                gateway.store(Blobs.random(78, 600), "").blobId().toString());
        // The read-side follows the journal a little behind the Blob entities: wait, bounded, for both to show
        // as certified (their Registered events may be projected a batch before their Certified ones).
        JsonNode listing = Await.value(Duration.ofSeconds(30), () -> {
            JsonNode answer = listBlobs();
            List<String> certified = new java.util.ArrayList<>();
            answer.path("blobs").forEach(b -> {
                if (b.path("status").asText().equals("certified")) {
                    certified.add(b.path("blobId").asText());
                }
            });
            return certified.containsAll(stored) ? Optional.of(answer) : Optional.empty();
        }, "floe list-blobs to show both stored blobs as certified");
        assertEquals("gateway", listing.path("owner").asText(), "the gateway account's blobs, asked by owner");
        for (JsonNode blob : listing.path("blobs")) {
            if (stored.contains(blob.path("blobId").asText())) {
                assertEquals("gateway", blob.path("owners").get(0).path("owner").asText(), blob::toString);
                assertTrue(blob.path("certifiedEpoch").asInt() >= 1, blob::toString);
            }
        }
    }

    /**
     * {@code floe list-blobs --owner gateway --json} against the network's gateway, run in this JVM (without
     * {@code --owner} it lists the wallet's blobs; anonymous PUTs are the gateway account's).
     */
    private static JsonNode listBlobs() {
        FloeCli.Run run = FloeCli.run("list-blobs", "--owner", "gateway", "--gateway", network.gatewayUrl(), "--json");
        if (run.exitCode() != 0) {
            throw new IllegalStateException("floe list-blobs exited " + run.exitCode() + ": " + run.err());
        }
        return run.json();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1000, 64 * 1024 + 3, 1024 * 1024, 8 * 1024 * 1024})
    void storesAndReadsBackRandomBlobs(int size) {
        byte[] blob = Blobs.random(1000L + size, size);
        Gateway.StoreAnswer stored = gateway.store(blob, "");
        assertTrue(stored.newlyCreated(), () -> "a new blob is newly created: " + stored.json());
        assertEquals(Blobs.idOf(blob, SHARDS), stored.blobId(), "the gateway's blob ID is the one computed here");
        assertEquals(size, stored.json().path("newlyCreated").path("blobObject").path("size").asLong());

        Http.Response whole = gateway.read(stored.blobId());
        assertEquals(200, whole.status(), whole::excerpt);
        assertArrayEquals(blob, whole.body(), "the blob reads back exactly");
        if (size == 0) {
            Blobs.assertError(gateway.readRange(stored.blobId(), "bytes=0-"), 416, "INVALID_BYTE_RANGE");
            return;
        }
        int start = size / 3;
        int end = Math.min(size - 1, start + size / 2);
        Http.Response part = gateway.readRange(stored.blobId(), "bytes=" + start + "-" + end);
        assertEquals(206, part.status(), part::excerpt);
        assertEquals(Optional.of("bytes " + start + "-" + end + "/" + size), part.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(blob, start, end + 1), part.body(), "Range bytes");

        int suffix = Math.min(size, 100);
        Http.Response tail = gateway.readRange(stored.blobId(), "bytes=-" + suffix);
        assertEquals(206, tail.status(), tail::excerpt);
        assertArrayEquals(Arrays.copyOfRange(blob, size - suffix, size), tail.body(), "suffix Range bytes");

        Http.Response byteRange = gateway.byteRange(stored.blobId(), start, end + 1 - start);
        assertEquals(200, byteRange.status(), byteRange::excerpt);
        assertArrayEquals(Arrays.copyOfRange(blob, start, end + 1), byteRange.body(), "/byte-range bytes");
    }

    /**
     * A web page on another origin {@code fetch()}es a blob from the gateway in a real browser (headless Chromium):
     * a simple request, and one with a custom header (a CORS preflight first) that reads the exposed ETag. The page
     * hashes what it got; the bytes must be the blob's. Skipped, saying why, where Chromium cannot be installed.
     */
    @Test
    void aPageOnAnotherOriginFetchesBlobsFromTheGateway() {
        Optional<String> unavailable = BrowserPage.unavailable();
        org.junit.jupiter.api.Assumptions.assumeTrue(unavailable.isEmpty(), () -> "browser scenario skipped: "
                + unavailable.orElse(""));
        byte[] blob = Blobs.random(14, 70_000);
        BlobId id = gateway.store(blob, "").blobId();
        String url = network.gatewayUrl() + "/v1/blobs/" + id;
        List<BrowserPage.Fetch> fetches = new java.util.ArrayList<>(List.of(
                new BrowserPage.Fetch("blob", url, java.util.Map.of(), blob),
                new BrowserPage.Fetch("preflighted", url, java.util.Map.of("X-Floe-Test", "preflight"), blob)));
        fetches.addAll(quiltImagePatchFetches());
        List<JsonNode> results = BrowserPage.fetchAll(fetches, Duration.ofSeconds(40));
        assertEquals(fetches.size(), results.size(), results::toString);
        for (int i = 0; i < fetches.size(); i++) {
            JsonNode result = results.get(i);
            assertEquals(200, result.path("status").asInt(), result::toString);
            assertEquals(fetches.get(i).sha256(), result.path("sha256").asText(), result::toString);
        }
        assertEquals(id.toString(), results.get(1).path("etag").asText(), "the page reads the exposed ETag");
    }

    /**
     * The fetches of the tagged quilt's image patch (a PNG stored with {@code PUT /v1/quilts}), by patch ID and by
     * quilt ID and identifier, that the page above makes too, with the patch's bytes expected.
     */
    private static List<BrowserPage.Fetch> quiltImagePatchFetches() {
        try {
            Quilts.Stored quilt = taggedQuilt();
            byte[] png = quilt.files().get(Quilts.IMAGE).contents();
            String base = network.gatewayUrl();
            return List.of(
                    new BrowserPage.Fetch("quilt image by patch ID",
                            base + ApiPaths.quiltPatch(quilt.patchIds().get(Quilts.IMAGE)), java.util.Map.of(), png),
                    new BrowserPage.Fetch("quilt image by identifier",
                            base + ApiPaths.quiltPatch(quilt.quiltId(), Quilts.IMAGE), java.util.Map.of(), png));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyMemberIsAliveReadyAndSeesTheWholeClusterUp() {
        for (String member : network.layout().members()) {
            String management = network.managementUrl(member);
            assertEquals(200, Http.get(management + "/alive", Gateway.TIMEOUT).status(), member);
            // Ready once Up, the committee formed, the journal answering and (gateway) the read side caught up.
            Await.until(Duration.ofSeconds(10), () -> Http.get(management + "/ready", Gateway.TIMEOUT).status() == 200,
                    member + "'s /ready");
            JsonNode cluster = Http.get(management + "/cluster/members", Gateway.TIMEOUT).json();
            assertEquals(NODES + 1, cluster.get("members").size(), member + ": " + cluster);
            cluster.get("members").forEach(m -> assertEquals("Up", m.get("status").asText(), member + ": " + m));
            assertEquals(0, cluster.get("unreachable").size(), member + ": " + cluster);
        }
    }

    @Test
    void storingTwiceAnswersAlreadyCertified() {
        byte[] blob = Blobs.random(7, 5_000);
        Gateway.StoreAnswer first = gateway.store(blob, "");
        assertTrue(first.newlyCreated(), () -> first.json().toString());

        Gateway.StoreAnswer second = gateway.store(blob, "");
        assertTrue(second.alreadyCertified(), () -> "the same blob again: " + second.json());
        assertEquals(first.blobId(), second.blobId());
        assertEquals(first.objectId(), second.objectId(), "it names the registration already certified");

        Gateway.StoreAnswer forced = gateway.store(blob, "force=true");
        assertTrue(forced.newlyCreated(), () -> "force stores anew: " + forced.json());
        assertNotEquals(first.objectId(), forced.objectId(), "a forced store is a new registration");

        List<String> certified = gateway.certifiedRegistrations(first.blobId());
        assertTrue(certified.containsAll(List.of(first.objectId(), forced.objectId())),
                () -> "both registrations are certified: " + certified);
        assertEquals("certified", gateway.blobStatus(first.blobId()).path("status").asText());
        assertArrayEquals(blob, gateway.read(first.blobId()).body());
    }

    /**
     * Every member serves its Prometheus series on its management port: after a store and a read, the gateway has
     * counted both and every member has timed its API's requests by route template and exports the JVM's series.
     */
    @Test
    void everyMemberServesItsMetricsOnItsManagementPort() {
        byte[] blob = Blobs.random(15, 3_000);
        Gateway.StoreAnswer stored = gateway.store(blob, "");
        assertArrayEquals(blob, gateway.read(stored.blobId()).body());
        io.floe.cli.local.NetworkLayout layout = network.layout();
        for (String member : layout.members()) {
            Http.Response answer = Http.get("http://127.0.0.1:" + layout.managementPortOf(member) + "/metrics",
                    Gateway.TIMEOUT);
            assertEquals(200, answer.status(), member);
            String metrics = answer.text();
            assertTrue(metrics.contains("floe_http_server_requests_seconds_bucket{"), member + ": route latency");
            assertTrue(metrics.contains("jvm_memory_used_bytes"), member + ": JVM series");
            if (member.equals(io.floe.cli.local.NetworkLayout.GATEWAY)) {
                assertTrue(metrics.contains("floe_gateway_stores_total{outcome=\"newly_created\"}"), metrics);
                assertTrue(metrics.contains("floe_gateway_reads_total{outcome=\"ok\"}"), metrics);
                assertTrue(metrics.contains("route=\"/v1/blobs/{blobId}\""), "reads by template");
                assertFalse(metrics.contains(stored.blobId().toString()), "no blob ID in a label");
            } else {
                assertTrue(metrics.contains("floe_node_shards_hosted"), member + ": shards hosted");
            }
        }
    }

    @Test
    void rejectsOversizedBody() {
        // A declared length over the limit is refused before the body is read. The request waits for 100 Continue,
        // so the 413 is read whole: a client that sends the body anyway races the gateway closing the connection with
        // the unread body in it, which resets it and may lose the answer (README, limits).
        URI gatewayUri = URI.create(network.gatewayUrl());
        RawHttp.Response refused = RawHttp.exchange(gatewayUri, "PUT /v1/blobs HTTP/1.1\r\nHost: 127.0.0.1:"
                + gatewayUri.getPort() + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + (MAX_BODY + 1) + "\r\nExpect: 100-continue\r\n\r\n", Gateway.TIMEOUT);
        assertEquals(413, refused.status(), refused::toString);
        HostileAnswers.assertErrorShape(refused.headers().get("content-type"), refused.body(), null);
        assertTrue(refused.body().contains("PAYLOAD_TOO_LARGE") && refused.body().contains(Long.toString(MAX_BODY)),
                () -> "the answer names the limit: " + refused.body());

        byte[] tooLarge = new byte[(int) MAX_BODY + 1];
        String chunked = Blobs.assertError(Http.putChunked(network.gatewayUrl() + "/v1/blobs", tooLarge,
                Gateway.TIMEOUT), 413, "PAYLOAD_TOO_LARGE");
        assertTrue(chunked.contains(Long.toString(MAX_BODY)), () -> "a body without a length is counted: " + chunked);
        assertEquals(200, Http.get(network.gatewayUrl() + "/status", Gateway.TIMEOUT).status(),
                "the gateway still serves");
    }

    /**
     * Issue 17: an unsigned body larger than one blob at n (within max-body-size) is stored as chunks plus a manifest
     * blob, whose ID answers; each chunk is an ordinary blob that reads back byte for byte.
     */
    @Test
    void storesABodyLargerThanTheShardCountAllowsAsChunksAndAManifest() {
        long max = new EncodingConfig(SHARDS).maxBlobSize();
        byte[] body = Blobs.random(171, (int) max + 1);
        ChunkLayout layout = new ChunkLayout(SHARDS, body.length);
        List<byte[]> chunks = new java.util.ArrayList<>();
        List<BlobId> chunkIds = new java.util.ArrayList<>();
        for (int i = 0; i < layout.chunkCount(); i++) {
            int from = (int) layout.offsetOf(i);
            chunks.add(Arrays.copyOfRange(body, from, from + (int) layout.lengthOf(i)));
            chunkIds.add(new BlobEncoder(new EncodingConfig(SHARDS)).computeMetadata(chunks.get(i)).blobId());
        }
        byte[] manifest = new ChunkManifest(layout, chunkIds).toBytes();

        Gateway.StoreAnswer stored = gateway.store(body, "");

        assertEquals(new BlobEncoder(new EncodingConfig(SHARDS)).computeMetadata(manifest).blobId(), stored.blobId(),
                "the manifest's blob ID names the whole body");
        for (int i = 0; i < chunks.size(); i++) {
            assertArrayEquals(chunks.get(i), gateway.read(chunkIds.get(i)).body(), "chunk " + i);
        }
        assertArrayEquals(body, gateway.read(stored.blobId()).body(), "the manifest's ID reads as the whole body");
        int border = (int) layout.offsetOf(1);
        assertArrayEquals(Arrays.copyOfRange(body, border - 100, border + 1),
                gateway.byteRange(stored.blobId(), border - 100, 101).body(), "a range across the chunk border");
        JsonNode described = Http.get(network.gatewayUrl() + "/v1/blobs/" + stored.blobId() + "/chunks",
                Gateway.TIMEOUT).json();
        assertTrue(described.path("chunked").asBoolean(), described::toString);
        assertEquals(chunkIds.get(1).toString(), described.path("chunks").get(1).path("blobId").asText());
    }

    @Test
    void malformedIdIs400() {
        String bad = "not-a-blob-id";
        Blobs.assertError(gateway.read(bad), 400, "INVALID_BLOB_ID");
        Blobs.assertError(Http.get(network.gatewayUrl() + "/v1/blobs/" + bad + "/status", Gateway.TIMEOUT), 400,
                "INVALID_BLOB_ID");
        Blobs.assertError(Http.get(network.gatewayUrl() + "/v1/blobs/" + bad + "/byte-range?start=0&length=1",
                Gateway.TIMEOUT), 400, "INVALID_BLOB_ID");
        Blobs.assertError(Http.get(network.nodeUrl(0) + "/v1/blobs/" + bad + "/metadata", Gateway.TIMEOUT), 400,
                "INVALID_BLOB_ID");
    }

    @Test
    void unknownBlobIs404() {
        BlobId unknown = BlobId.of(Blobs.random(99, BlobId.LENGTH));
        String message = Blobs.assertError(gateway.read(unknown), 404, "BLOB_NOT_FOUND");
        assertTrue(message.contains(unknown.toString()), () -> "the answer names the blob: " + message);
        Blobs.assertError(gateway.byteRange(unknown, 0, 1), 404, "BLOB_NOT_FOUND");
        JsonNode status = gateway.blobStatus(unknown);
        assertEquals("nonexistent", status.path("status").asText());
        assertEquals(0, status.path("registrations").size());
    }

    @Test
    void rangesOutsideTheBlobGetWalrusAnswers() {
        byte[] blob = Blobs.random(13, 100);
        BlobId id = gateway.store(blob, "").blobId();
        // Walrus's aggregator: /byte-range refusals are 400 INVALID_ARGUMENT, Range header refusals 416.
        Http.Response past = gateway.byteRange(id, 90, 11);
        Blobs.assertError(past, 400, "INVALID_BYTE_RANGE");
        assertEquals("INVALID_ARGUMENT", past.json().path("error").path("status").asText(), past::excerpt);
        assertEquals("daemon.walrus.space", past.json().path("error").path("details").path(0).path("domain")
                .asText(), past::excerpt);
        Blobs.assertError(gateway.byteRange(id, 0, 0), 400, "INVALID_BYTE_RANGE");
        Blobs.assertError(gateway.readRange(id, "bytes=100-200"), 416, "INVALID_BYTE_RANGE");
        Blobs.assertError(gateway.readRange(id, "bytes=0-1,5-6"), 416, "INVALID_BYTE_RANGE");
        assertArrayEquals(Arrays.copyOfRange(blob, 90, 100), gateway.byteRange(id, 90, 10).body());
    }

    @Test
    void aTamperedReuploadChangesNothingAndAMisdirectedOneIsRefused() {
        byte[] blob = Blobs.random(11, 20_000);
        BlobId id = gateway.store(blob, "").blobId();
        EncodedBlob encoded = Blobs.encode(blob, SHARDS);
        SliverPairIndex pair = new SliverPairIndex(1);
        int shard = pair.shard(id.rotation(SHARDS), SHARDS).value();
        int owner = network.nodeIndex(gateway.ownerOfShard(shard));
        for (SliverType type : SliverType.values()) {
            Sliver original = Blobs.sliver(encoded, pair, type);
            String path = network.nodeUrl(owner) + Blobs.sliverPath(id, pair, type);
            // As Walrus's node: a sliver already stored is not verified or written again (200 "already stored").
            Http.Response again = Http.put(path, flipOneByte(original).toBcs(), Gateway.TIMEOUT);
            assertEquals(200, again.status(), again::excerpt);
            assertTrue(again.excerpt().contains("already stored"), again::excerpt);

            Http.Response kept = Await.value(Duration.ofSeconds(30), () -> found(Http.get(path, Gateway.TIMEOUT)),
                    "the owner to serve " + type.pathName() + " sliver of pair " + pair.value());
            assertArrayEquals(original.toBcs(), kept.body(), "the stored sliver is the original one");
        }
        int other = (owner + 1) % NODES;
        String misdirected = Blobs.assertError(Http.put(network.nodeUrl(other) + "/v1/blobs/" + id + "/slivers/"
                + pair.value() + "/primary", encoded.pair(pair).primary().toBcs(), Gateway.TIMEOUT), 400,
                "SHARD_NOT_ASSIGNED");
        assertTrue(misdirected.contains("node-" + (owner + 1)), () -> "a wrong node names the owner: " + misdirected);
        assertArrayEquals(blob, gateway.read(id).body(), "the blob still reads back exactly");
    }

    @Test
    void storeQuiltAnswersTheEncodersQuiltAndPatchIds() throws IOException {
        Path folder = scratch.resolve("folder");
        List<QuiltFile> files = Quilts.write(folder);
        Quilts.Stored stored = Quilts.store(List.of("--paths", folder.toString()), files, network.gatewayUrl());
        assertTrue(stored.answer().path("blobStoreResult").has("newlyCreated"), () -> stored.answer().toString());
        Quilts.assertEncodersIds(stored, SHARDS);
        Quilts.assertEncodersIds(taggedQuilt(), SHARDS);
        assertNotEquals(stored.quiltId(), taggedQuilt().quiltId(), "tags are part of the quilt's bytes");
    }

    @Test
    void readsEveryQuiltPatchByPatchIdAndByIdentifier() throws IOException {
        Quilts.Stored quilt = taggedQuilt();
        quilt.patchIds().forEach((identifier, patchId) -> {
            byte[] contents = quilt.files().get(identifier).contents();
            for (String path : List.of(ApiPaths.quiltPatch(patchId), ApiPaths.quiltPatch(quilt.quiltId(), identifier))) {
                Http.Response r = Http.get(network.gatewayUrl() + path, Gateway.TIMEOUT);
                assertEquals(200, r.status(), () -> path + ": " + r.excerpt());
                assertArrayEquals(contents, r.body(), () -> "the bytes of " + identifier + " from " + path);
                assertEquals(Optional.of(identifier), r.header(ApiPaths.QUILT_PATCH_IDENTIFIER_HEADER), path);
            }
        });
    }

    @Test
    void cliListsAndReadsBackEveryPatchWithItsTags() throws IOException {
        Quilts.Stored quilt = taggedQuilt();
        String id = quilt.quiltId().toString();
        JsonNode list = FloeCli.run("list-patches-in-quilt", id, "--gateway", network.gatewayUrl(), "--json").json();
        assertEquals(quilt.files().size(), list.size(), list::toString);
        for (JsonNode item : list) {
            String identifier = item.path("identifier").asText();
            assertEquals(quilt.patchIds().get(identifier), item.path("patch_id").asText(), item::toString);
            assertEquals(quilt.files().get(identifier).tags(), Quilts.tags(item.path("tags")), item::toString);
        }
        Path out = Files.createDirectories(scratch.resolve("read-quilt"));
        JsonNode read = FloeCli.run("read-quilt", "--quilt-id", id, "--out", out.toString(), "--gateway",
                network.gatewayUrl(), "--json").json();
        assertEquals(quilt.files().keySet(), identifiers(read), read::toString);
        for (JsonNode blob : read.path("retrievedBlobs")) {
            QuiltFile file = quilt.files().get(blob.path("identifier").asText());
            assertArrayEquals(file.contents(), Files.readAllBytes(out.resolve(file.identifier())), file::identifier);
            assertEquals(file.tags(), Quilts.tags(blob.path("tags")), blob.path("identifier")::asText);
        }
        JsonNode spaced = FloeCli.run("read-quilt", "--quilt-id", id, "--identifiers", Quilts.SPACED, "--gateway",
                network.gatewayUrl(), "--json").json().path("retrievedBlobs");
        assertEquals(Set.of(Quilts.SPACED), identifiers(spaced), "read by identifier, a space in the path");
    }

    @Test
    void unknownQuiltPatchIs404() throws IOException {
        Quilts.Stored quilt = taggedQuilt();
        String message = Quilts.assertRefused(Http.get(network.gatewayUrl() + ApiPaths.quiltPatch(quilt.quiltId(),
                "missing.txt"), Gateway.TIMEOUT), 404, "QUILT_PATCH_NOT_FOUND");
        assertTrue(message.contains("missing.txt"), () -> "the answer names the identifier: " + message);
        // Column 0 holds the quilt's index, never a patch.
        String noPatch = new QuiltPatchId(quilt.quiltId(), 0, 1).toString();
        Quilts.assertRefused(Http.get(network.gatewayUrl() + ApiPaths.quiltPatch(noPatch), Gateway.TIMEOUT), 404,
                "QUILT_PATCH_NOT_FOUND");
        FloeCli.Run cli = FloeCli.run("read-quilt", "--quilt-id", quilt.quiltId().toString(), "--identifiers",
                "missing.txt", "--gateway", network.gatewayUrl());
        assertEquals(1, cli.exitCode(), cli::toString);
        assertTrue(cli.err().contains("missing.txt"), cli::err);
    }

    /** The quilt with a tagged image, stored once through the CLI for the quilt scenarios that read it. */
    private static synchronized Quilts.Stored taggedQuilt() throws IOException {
        if (tagged == null) {
            Path folder = scratch.resolve("tagged");
            List<QuiltFile> files = Quilts.tagged(Quilts.write(folder));
            tagged = Quilts.store(Quilts.blobsArguments(folder, files), files, network.gatewayUrl());
        }
        return tagged;
    }

    private static Set<String> identifiers(JsonNode readQuilt) {
        Set<String> identifiers = new java.util.HashSet<>();
        (readQuilt.has("retrievedBlobs") ? readQuilt.path("retrievedBlobs") : readQuilt)
                .forEach(b -> identifiers.add(b.path("identifier").asText()));
        return identifiers;
    }

    private static Optional<Http.Response> found(Http.Response r) {
        return r.status() == 200 ? Optional.of(r) : Optional.empty();
    }

    /** The same sliver with one byte of one symbol changed: right shape and index, wrong content. */
    private static Sliver flipOneByte(Sliver sliver) {
        byte[] data = sliver.data().clone();
        data[data.length / 2] ^= 0x01;
        return new Sliver(sliver.type(), sliver.index(), sliver.symbolSize(), data);
    }
}
