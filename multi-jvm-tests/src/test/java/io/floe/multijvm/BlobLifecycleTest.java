package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.Address;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.StorageCost;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blobs people own, on real member JVMs (4 storage nodes, 12 shards, 20 s epochs, a faucet): two users with keys of
 * their own fund their accounts, store the same bytes as two registrations, cannot touch each other's objects (nor
 * replay or forge a request), delete them one after the other (the first delete keeps the blob readable and returns
 * the storage, which a later store reuses; the last drops the slivers on every node), let a blob expire across a
 * real epoch change (dropped on every node, still listed with {@code include_expired}), and extend, tag, share and
 * fund a live one. Only the HTTP API is used, with requests signed here.
 *
 * <p>The tests run in order on the network {@link Epochs#NETWORK}, which this class starts and hands on to
 * {@code EpochChangeTest}: each starts from what the one before left.
 */
@MultiJvmTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BlobLifecycleTest {
    private static final int NODES = Epochs.NETWORK.nodes();
    private static final int SHARDS = Epochs.NETWORK.nShards();
    private static final long GRANT = 5_000_000_000L;
    /** Longer than an epoch (20 s) plus a slow epoch change on a loaded machine. */
    private static final Duration EPOCH_BOUND = Duration.ofSeconds(60);
    /** A gateway cache or the read-side may lag an event by a little. */
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration GC_BOUND = Duration.ofSeconds(60);

    @RegisterExtension
    static final FloeNetworkExtension NETWORK = FloeNetworkExtension.shared(Epochs.NETWORK);

    private static FloeNetwork network;
    private static Gateway gateway;
    private static Wallet alice;
    private static Wallet bob;
    /** Blob X, which both users store. */
    private static final byte[] X = Blobs.random(1301, 150_000);
    private static final BlobId X_ID = Blobs.idOf(X, SHARDS);
    private static Stored aliceX;
    private static Stored bobX;
    private static NodeGarbage xOnNodes;

    /** One signed store's answer: the new registration and what it cost. */
    private record Stored(BlobId blobId, ObjectId objectId, int endEpoch, long cost, JsonNode answer) {
        JsonNode blobObject() {
            return answer.path("newlyCreated").path("blobObject");
        }

        JsonNode resourceOperation() {
            return answer.path("newlyCreated").path("resourceOperation");
        }
    }

    @BeforeAll
    static void connect() {
        network = NETWORK.network();
        gateway = new Gateway(network.gatewayUrl());
    }

    @Test
    @Order(1)
    void twoUsersFundWalletsOfTheirOwnFromTheFaucet() {
        alice = Wallet.generate("alice");
        bob = Wallet.generate("bob");
        assertNotEquals(alice.address(), bob.address());
        for (Wallet w : new Wallet[] {alice, bob}) {
            JsonNode granted = gateway.faucet(w.address(), GRANT);
            assertEquals(GRANT, granted.path("amount").asLong(), () -> "faucet answer " + granted);
            assertEquals(GRANT, granted.path("balance").asLong(), () -> "faucet answer " + granted);
            JsonNode account = gateway.account(w.address());
            assertEquals(w.address().value(), account.path("address").asText());
            assertEquals(GRANT, account.path("balance").asLong(), () -> w + ": " + account);
        }
    }

    @Test
    @Order(2)
    void twoUsersStoreTheSameBytesAsTwoRegistrationsEachPayingItsOwn() {
        aliceX = store(alice, X, 5, true, false);
        bobX = store(bob, X, 5, true, true);
        assertNotEquals(aliceX.objectId(), bobX.objectId(), "a second registration, not the first one reused");
        assertTrue(aliceX.resourceOperation().has("registerFromScratch"), () -> "alice: " + aliceX.answer());
        assertEquals(GRANT - aliceX.cost(), gateway.balance(alice.address()), "alice paid her store");
        assertEquals(GRANT - bobX.cost(), gateway.balance(bob.address()), "bob paid his store");
        assertTrue(gateway.certifiedRegistrations(X_ID).containsAll(
                List.of(aliceX.objectId().toString(), bobX.objectId().toString())),
                () -> "both registrations certified: " + gateway.blobStatus(X_ID));
        xOnNodes = NodeGarbage.of(network, gateway, NODES, X, SHARDS);
        xOnNodes.awaitHeld(SETTLE);
    }

    @Test
    @Order(3)
    void aUserCannotTouchAnotherUsersObjectNorReplayNorForgeARequest() {
        String tagId = alice.nextRequestId("tag");
        var tag = alice.setAttributes(tagId, X_ID, aliceX.objectId(), Map.of("note", "alice"));
        gateway.receipt(tag);
        assertEquals(200, gateway.submit(tag).status(), "the same request again is answered, not applied twice");
        Http.Response reused = gateway.submit(alice.setAttributes(tagId, X_ID, aliceX.objectId(),
                Map.of("note", "other")));
        Blobs.assertError(reused, 400, "REQUEST_ID_REUSED");
        long aliceBalance = gateway.balance(alice.address());
        long bobBalance = gateway.balance(bob.address());
        JsonNode before = object(aliceX.objectId()).path("blobObject");

        Blobs.assertError(gateway.submit(bob.delete(X_ID, aliceX.objectId())), 403, "NOT_OWNER");
        Blobs.assertError(gateway.submit(bob.extend(X_ID, aliceX.objectId(), 2)), 403, "NOT_OWNER");
        Blobs.assertError(gateway.submit(bob.setAttributes(bob.nextRequestId("tag"), X_ID, aliceX.objectId(),
                Map.of("note", "bob"))), 403, "NOT_OWNER");
        Blobs.assertError(gateway.submit(Wallet.forged(alice.delete(X_ID, aliceX.objectId()))), 400,
                "INVALID_SIGNATURE");
        Blobs.assertError(gateway.submit(bob.sign(alice.deleteRequest(X_ID, aliceX.objectId()))), 400,
                "INVALID_SIGNATURE");

        JsonNode after = object(aliceX.objectId()).path("blobObject");
        assertEquals(before, after, "a refused request changes nothing on the object");
        assertEquals(alice.address().value(), after.path("owner").asText());
        assertEquals("alice", after.path("attributes").path("note").asText(), () -> "attributes " + after);
        assertEquals(aliceBalance, gateway.balance(alice.address()), "alice was charged for nothing");
        assertEquals(bobBalance, gateway.balance(bob.address()), "bob was charged for nothing");
        assertEquals(2, gateway.certifiedRegistrations(X_ID).size(), () -> "" + gateway.blobStatus(X_ID));
    }

    @Test
    @Order(4)
    void deletingOneOfTwoRegistrationsKeepsTheBlobAndGivesTheStorageBack() {
        JsonNode receipt = gateway.receipt(alice.delete(X_ID, aliceX.objectId()));
        assertEquals("delete_blob", receipt.path("operation").asText(), () -> "receipt " + receipt);
        assertEquals(aliceX.endEpoch(), receipt.path("returnedStorage").path("endEpoch").asInt(),
                () -> "the storage from now to X's end comes back: " + receipt);
        Http.Response noObject = Await.value(SETTLE, () -> status(gateway.object(aliceX.objectId()), 404),
                "GET /v1/objects of the deleted object to answer 404");
        Blobs.assertError(noObject, 404, "OBJECT_NOT_FOUND");
        assertArrayEquals(X, readable(X_ID), "bob's registration keeps X readable");
        long encodedLength = aliceX.blobObject().path("storage").path("storageSize").asLong();
        JsonNode returned = Await.value(SETTLE, () -> freeStorage(alice.address(), encodedLength, aliceX.endEpoch()),
                "alice's account to hold X's storage again");

        byte[] w = Blobs.random(1302, 100_000);
        int epochs = Math.min(2, aliceX.endEpoch() - Epochs.of(gateway).epoch());
        assertTrue(epochs >= 1, "X's storage must not have run out before the reuse: " + returned);
        long before = gateway.balance(alice.address());
        Stored reused = store(alice, w, epochs, true, false);
        assertTrue(reused.resourceOperation().has("reuseStorage"), () -> "reuse of " + returned + ": "
                + reused.answer());
        assertEquals(before - reused.cost(), gateway.balance(alice.address()), "alice paid what the answer says");
        assertArrayEquals(w, readable(reused.blobId()));
        // Seconds after the delete, long enough for a wrong drop to have happened: bob's registration keeps X.
        xOnNodes.awaitHeld(SETTLE);
    }

    @Test
    @Order(5)
    void deletingTheLastRegistrationDropsTheBlobOnEveryNode() {
        gateway.receipt(bob.delete(X_ID, bobX.objectId()));
        Http.Response gone = Await.value(SETTLE, () -> status(gateway.read(X_ID), 404),
                "GET /v1/blobs/" + X_ID + " to answer 404 once both registrations are deleted");
        Blobs.assertError(gone, 404, "BLOB_NOT_FOUND");
        xOnNodes.awaitDropped(GC_BOUND, "both registrations deleted");
        System.out.printf("FIGURE deleted blob: %d slivers and %d metadata copies dropped on %d nodes%n",
                xOnNodes.sliverCount(), NODES, NODES);
    }

    @Test
    @Order(6)
    void aBlobStoredForOneEpochExpiresAcrossAnEpochChangeAndIsDroppedEverywhere() {
        byte[] y = Blobs.random(1303, 60_000);
        // Stored late in an epoch, Y would expire before the checks that it lives: start with most of one ahead.
        Await.until(EPOCH_BOUND, () -> timeLeftInEpoch().compareTo(Duration.ofSeconds(12)) >= 0,
                "an epoch with 12 s left to store Y in");
        Stored yStored = store(alice, y, 1, false, false);
        NodeGarbage yOnNodes = NodeGarbage.of(network, gateway, NODES, y, SHARDS);
        yOnNodes.awaitHeld(SETTLE);
        Await.until(SETTLE, () -> listed(alice.address(), false, yStored.blobId()),
                "Y in alice's listing while it lives");
        Epochs.await(gateway, EPOCH_BOUND, e -> e.epoch() >= yStored.endEpoch(), "epoch " + yStored.endEpoch());

        Http.Response gone = Await.value(SETTLE, () -> status(gateway.read(yStored.blobId()), 404),
                "GET of Y to answer 404 once it expired");
        Blobs.assertError(gone, 404, "BLOB_NOT_FOUND");
        yOnNodes.awaitDropped(GC_BOUND, "expired at the end of epoch " + (yStored.endEpoch() - 1));
        Await.until(SETTLE, () -> !listed(alice.address(), false, yStored.blobId()),
                "Y out of alice's default listing");
        assertTrue(listed(alice.address(), true, yStored.blobId()),
                () -> "include_expired lists Y: " + gateway.listBlobs(alice.address(), true));
    }

    @Test
    @Order(7)
    void theOwnerExtendsTagsAndSharesALiveBlobThatAnotherUserFundsAndExtends() {
        byte[] z = Blobs.random(1304, 30_000);
        Stored zStored = store(alice, z, 3, true, false);
        ObjectId oid = zStored.objectId();
        long units = StorageCost.storageUnits(zStored.blobObject().path("storage").path("storageSize").asLong());
        long storagePrice = gateway.status().path("storagePricePerUnit").asLong();

        long before = gateway.balance(alice.address());
        JsonNode extended = gateway.receipt(alice.extend(zStored.blobId(), oid, 2));
        assertEquals(units * storagePrice * 2, extended.path("cost").asLong(), () -> "extension cost " + extended);
        assertEquals(before - extended.path("cost").asLong(), gateway.balance(alice.address()));
        assertEquals(zStored.endEpoch() + 2, endEpoch(oid), "the extension moved the end epoch");

        gateway.receipt(alice.setAttributes(alice.nextRequestId("tag"), zStored.blobId(), oid,
                Map.of("content-type", "text/plain")));
        Http.Response read = Await.value(SETTLE, () -> status(gateway.readByObjectId(oid), 200), "Z by object ID");
        assertArrayEquals(z, read.body());
        assertTrue(read.header("Content-Type").orElse("").startsWith("text/plain"), () -> "Content-Type of "
                + read.headers().map());

        gateway.receipt(alice.share(zStored.blobId(), oid));
        assertTrue(object(oid).path("blobObject").path("shared").asBoolean(), "Z is shared");
        long bobBefore = gateway.balance(bob.address());
        gateway.receipt(bob.fund(zStored.blobId(), oid, 100_000));
        assertEquals(bobBefore - 100_000, gateway.balance(bob.address()), "bob paid the funds");
        assertEquals(100_000, object(oid).path("sharedFunds").asLong());
        JsonNode byBob = gateway.receipt(bob.extend(zStored.blobId(), oid, 1));
        assertEquals(units * storagePrice, byBob.path("cost").asLong(), () -> "shared extension " + byBob);
        assertEquals(bobBefore - 100_000, gateway.balance(bob.address()), "the shared funds paid, not bob");
        assertEquals(100_000 - units * storagePrice, object(oid).path("sharedFunds").asLong());
        assertEquals(zStored.endEpoch() + 3, endEpoch(oid));
        assertArrayEquals(z, readable(zStored.blobId()));
    }

    @Test
    @Order(8)
    void theCliStoresAFileLargerThanOneBlobAsSignedChunksAndAManifestAndReadsItBackWhole(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        long max = new io.floe.encoding.redstuff.EncodingConfig(SHARDS).maxBlobSize();
        byte[] bytes = Blobs.random(1777, (int) max + 70_001);
        java.nio.file.Path file = java.nio.file.Files.write(dir.resolve("large.bin"), bytes);
        String walletFile = dir.resolve("carol.json").toString();
        String url = network.gatewayUrl();
        FloeCli.run("get-wal", "--wallet", walletFile, "--gateway", url).ok();

        JsonNode stored = FloeCli.run("store", file.toString(), "--epochs", "3", "--wallet", walletFile,
                "--gateway", url, "--json").json().get(0);
        assertEquals(2, stored.path("chunkCount").asInt(), stored::toString);
        String id = stored.path("blobStoreResult").path("newlyCreated").path("blobObject").path("blobId").asText();
        assertEquals(FloeCli.run("blob-id", file.toString(), "--n-shards", String.valueOf(SHARDS)).ok().trim(), id,
                "the manifest's ID is the file's blob ID");

        java.nio.file.Path back = dir.resolve("back.bin");
        FloeCli.run("read", id, "--out", back.toString(), "--gateway", url).ok();
        assertArrayEquals(bytes, java.nio.file.Files.readAllBytes(back), "the whole file, byte for byte");
        String status = FloeCli.run("blob-status", id, "--gateway", url).ok();
        assertTrue(status.contains(" in 2 chunks of up to "), () -> "blob-status names the chunks: " + status);
    }

    /** A store of {@code blob} paid and owned by {@code wallet}, insisting on a new registration. */
    private static Stored store(Wallet wallet, byte[] blob, int epochs, boolean deletable, boolean force) {
        BlobId id = Blobs.idOf(blob, SHARDS);
        String query = "epochs=" + epochs + (deletable ? "&deletable=true" : "&permanent=true")
                + (force ? "&force=true" : "");
        Http.Response r = gateway.putSigned(blob, query, wallet.register(blob, id, epochs, deletable));
        assertEquals(200, r.status(), () -> wallet + " storing " + id + " answered " + r.status() + ": " + r.excerpt());
        Gateway.StoreAnswer answer = Gateway.answer(r.json());
        assertTrue(answer.newlyCreated(), () -> wallet + " got no registration of its own: " + r.excerpt());
        JsonNode object = r.json().path("newlyCreated").path("blobObject");
        assertEquals(wallet.address().value(), object.path("owner").asText(), () -> "owner in " + r.excerpt());
        assertTrue(!object.path("certifiedEpoch").isNull(), () -> "certified: " + r.excerpt());
        int end = object.path("storage").path("endEpoch").asInt();
        long cost = r.json().path("newlyCreated").path("cost").asLong();
        return new Stored(id, ObjectId.parse(answer.objectId()), end, cost, r.json());
    }

    private static byte[] readable(BlobId id) {
        return Await.value(SETTLE, () -> status(gateway.read(id), 200), "blob " + id + " to read").body();
    }

    private static Optional<Http.Response> status(Http.Response r, int status) {
        return r.status() == status ? Optional.of(r) : Optional.empty();
    }

    /** {@code GET /v1/objects/{oid}} once the read-side indexes the object (it follows the journal by a little). */
    private static JsonNode object(ObjectId oid) {
        Http.Response r = Await.value(SETTLE, () -> status(gateway.object(oid), 200), "GET /v1/objects/" + oid);
        return r.json();
    }

    private static int endEpoch(ObjectId oid) {
        return object(oid).path("blobObject").path("storage").path("endEpoch").asInt();
    }

    /** What is left of the current epoch by the gateway's {@code epochInfo} (negative while a change is late). */
    private static Duration timeLeftInEpoch() {
        JsonNode info = gateway.status().path("epochInfo");
        Instant end = Instant.parse(info.path("startOfCurrentEpoch").asText())
                .plusSeconds(info.path("epochDuration").path("secs").asLong());
        return Duration.between(Instant.now(), end);
    }

    /** A free storage resource of the account of at least {@code size} bytes that ends at {@code end}. */
    private static Optional<JsonNode> freeStorage(Address account, long size, int end) {
        Predicate<JsonNode> fits = s -> s.path("storageSize").asLong() >= size && s.path("endEpoch").asInt() == end;
        for (JsonNode storage : gateway.account(account).path("storage")) {
            if (fits.test(storage)) {
                return Optional.of(storage);
            }
        }
        return Optional.empty();
    }

    private static boolean listed(Address owner, boolean includeExpired, BlobId id) {
        for (JsonNode blob : gateway.listBlobs(owner, includeExpired).path("blobs")) {
            if (blob.path("blobId").asText().equals(id.toString())) {
                return true;
            }
        }
        return false;
    }
}
