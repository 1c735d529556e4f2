package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.floe.cli.client.FakeGateway;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DeleteCommandTest {
    private static final String MINE = "0x" + "01".repeat(32);
    private static final String PERMANENT = "0x" + "02".repeat(32);
    private static final String THEIRS = "0x" + "03".repeat(32);

    @TempDir
    Path dir;

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(env -> new DeleteCommand(env, Clock.systemUTC()));

    @Test
    void deletesTheWalletsDeletableObjectsOfABlob() {
        gateway.route("GET", "/v1/blobs/", 200, status(FakeGateway.BLOB_ID));
        gateway.route("POST", "/v1/transactions", 200, "{\"receipt\":{\"operation\":\"delete_blob\",\"cost\":0,"
            + "\"balanceAfter\":40,\"objects\":[],\"returnedStorage\":{\"id\":\"0x" + "cd".repeat(32)
            + "\",\"startEpoch\":2,\"endEpoch\":5,\"storageSize\":1048576}}}");

        Captured result = gateway.run("--blob-id", FakeGateway.BLOB_ID);

        assertEquals(0, result.exitCode(), result.err());
        List<FakeGateway.Request> posts = gateway.requests("POST", "/");
        assertEquals(1, posts.size(), "only the wallet's deletable object");
        ClientRequest request = SignedRequests.verified(posts.get(0)).request();
        assertEquals(ByteString.copyFrom(ObjectId.parse(MINE).bytes()), request.getDeleteBlob().getObjectId());
        assertEquals("Deleted blob object " + MINE + " (blob ID " + FakeGateway.BLOB_ID + "), storage 0x"
            + "cd".repeat(32) + " of 1.0 MiB until epoch 5 returned; cost 0 FROST, balance 40 FROST\n",
            result.out());
    }

    @Test
    void deletesByObjectIdAndByFile() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");
        String blobId = Captured.run(new BlobIdCommand(), file.toString(), "--n-shards", "10").out().strip();
        gateway.route("GET", "/status", 200, FakeGateway.status(1, 10, 1, 1, 5));
        gateway.route("GET", "/v1/objects/", 200, SignedRequests.objectView(THEIRS, SignedRequests.address(), false,
            "{}"));
        gateway.route("GET", "/v1/blobs/", 200, status(blobId));
        gateway.route("POST", "/v1/transactions", 200, SignedRequests.receipt("delete_blob", 0, 0, 1, ""));

        Captured result = gateway.run("--object-id", THEIRS, "--file", file.toString(), "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("/v1/blobs/" + blobId + "/status", gateway.requests("GET", "/v1/blobs/").get(0).path());
        assertEquals(2, gateway.requests("POST", "/").size());
        assertEquals(result.out(), result.out().lines().findFirst().orElse("") + "\n", "one JSON line");
    }

    @Test
    void nothingOfTheWalletsToDeleteIsAFailure() {
        gateway.route("GET", "/v1/blobs/", 200, "{\"blobId\":\"" + FakeGateway.BLOB_ID + "\",\"status\":\"certified\","
            + "\"registrations\":[" + registration(THEIRS, "0x" + "77".repeat(32), true) + "]}");

        assertFailure(gateway.run("--blob-id", FakeGateway.BLOB_ID), 1, "owns no deletable object of blob ID");
        assertFailure(gateway.run(), 2, "missing --blob-id, --object-id or --file");
    }

    private static String status(String blobId) {
        return "{\"blobId\":\"" + blobId + "\",\"status\":\"certified\",\"registrations\":["
            + registration(MINE, SignedRequests.address(), true) + ","
            + registration(PERMANENT, SignedRequests.address(), false) + ","
            + registration(THEIRS, "0x" + "77".repeat(32), true) + "]}";
    }

    private static String registration(String objectId, String owner, boolean deletable) {
        return "{\"objectId\":\"" + objectId + "\",\"endEpoch\":5,\"deletable\":" + deletable + ",\"certifiedEpoch\":1,"
            + "\"size\":2048,\"owner\":\"" + owner + "\",\"shared\":false,\"burned\":false}";
    }
}
