package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.floe.cli.client.FakeGateway;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlobObjectCommandTest {
    private static final String OID = FakeGateway.OBJECT_ID;
    private static final ByteString OID_BYTES = ByteString.copyFrom(ObjectId.parse(OID).bytes());

    @RegisterExtension
    final GatewayFixture extend = GatewayFixture.running(env -> BlobObjectCommand.extend(env, Clock.systemUTC()));
    @RegisterExtension
    final GatewayFixture share = GatewayFixture.running(env -> BlobObjectCommand.share(env, Clock.systemUTC()));
    @RegisterExtension
    final GatewayFixture fund = GatewayFixture.running(env -> BlobObjectCommand.fund(env, Clock.systemUTC()));
    @RegisterExtension
    final GatewayFixture burn = GatewayFixture.running(env -> new BurnBlobsCommand(env, Clock.systemUTC()));

    @Test
    void extendSignsTheObjectAndItsBlobAndSaysTheNewEndAndCost() {
        extend.route("GET", "/v1/objects/", 200, SignedRequests.objectView(OID, SignedRequests.address(), false, "{}"));
        String receipt = SignedRequests.receipt("extend_blob", 300, 300, 700,
            SignedRequests.blobObject(OID, SignedRequests.address(), 8, false, "{}"));
        extend.route("POST", "/v1/transactions", 200, receipt);

        Captured human = extend.run("--blob-obj-id", OID, "--epochs-extended", "3");
        Captured json = extend.run("--blob-obj-id", OID, "--epochs-extended", "3", "--json");

        assertEquals(0, human.exitCode(), human.err());
        assertEquals("/v1/objects/" + OID, extend.requests("GET", "/v1/objects/").get(0).path());
        VerifiedRequest request = SignedRequests.verified(extend.requests("POST", "/").get(0));
        assertEquals(ClientRequest.OperationCase.EXTEND_BLOB, request.operation());
        assertEquals(OID_BYTES, request.request().getExtendBlob().getObjectId());
        assertEquals(3, request.request().getExtendBlob().getEpochsExtended());
        assertEquals(FakeGateway.BLOB_ID, BlobId.of(request.request().getBlobId().toByteArray()).toString());
        assertEquals("Extended blob object " + OID + " (blob ID " + FakeGateway.BLOB_ID + ") by 3 epoch(s) to end"
            + " epoch 8; cost 300 FROST, balance 700 FROST\n", human.out());
        assertEquals(receipt + "\n", json.out());
    }

    @Test
    void extendOfASharedBlobNeedsTheSharedFlag() {
        extend.route("GET", "/v1/objects/", 200, SignedRequests.objectView(OID, null, true, "{}"));

        assertFailure(extend.run("--blob-obj-id", OID, "--epochs-extended", "1"), 1, "is shared: extend it with --shared");
        assertFailure(extend.run("--blob-obj-id", OID), 2, "missing --epochs-extended");
        assertFailure(extend.run("--blob-obj-id", "0x12", "--epochs-extended", "1"), 2, "not an object ID");
        assertTrue(extend.requests("POST", "/").isEmpty());
    }

    @Test
    void shareWithAnAmountSharesThenFunds() {
        share.route("GET", "/v1/objects/", 200, SignedRequests.objectView(OID, SignedRequests.address(), false, "{}"));
        share.route("POST", "/v1/transactions", 200, SignedRequests.receipt("share_blob", 0, 0, 1000, ""));

        Captured result = share.run("--blob-obj-id", OID, "--amount", "250", "--json");

        assertEquals(0, result.exitCode(), result.err());
        List<FakeGateway.Request> posts = share.requests("POST", "/");
        assertEquals(OID_BYTES, SignedRequests.verified(posts.get(0)).request().getShareBlob().getObjectId());
        ClientRequest funding = SignedRequests.verified(posts.get(1)).request();
        assertEquals(250, funding.getFundSharedBlob().getAmount());
        assertEquals(OID_BYTES, funding.getFundSharedBlob().getObjectId());
        assertTrue(result.out().startsWith("{\"receipts\":[{\"requestId\":\"r\""), result.out());
        assertTrue(result.out().endsWith("}],\"cost\":0}\n"), result.out());
    }

    @Test
    void fundSharedBlobMovesTheAmount() {
        fund.route("GET", "/v1/objects/", 200, SignedRequests.objectView(OID, null, true, "{}"));
        fund.route("POST", "/v1/transactions", 200, SignedRequests.receipt("fund_shared_blob", 90, 90, 10, ""));

        Captured result = fund.run("--shared-blob-obj-id", OID, "--amount", "90");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(90, SignedRequests.verified(fund.requests("POST", "/").get(0)).request().getFundSharedBlob()
            .getAmount());
        assertEquals("Funded shared blob " + OID + " with 90 FROST; cost 90 FROST, balance 10 FROST\n", result.out());
        assertFailure(fund.run("--shared-blob-obj-id", OID), 2, "missing --amount");
    }

    @Test
    void burnBlobsSignsTheObjectsOfTheirBlob() {
        String other = "0x" + "01".repeat(32);
        burn.route("GET", "/v1/objects/", 200, SignedRequests.objectView(OID, SignedRequests.address(), false, "{}"));
        burn.route("POST", "/v1/transactions", 200, SignedRequests.receipt("burn_blobs", 0, 0, 10, ""));

        Captured result = burn.run("--object-ids", OID, other, "--yes");

        assertEquals(0, result.exitCode(), result.err());
        ClientRequest request = SignedRequests.verified(burn.requests("POST", "/").get(0)).request();
        assertEquals(List.of(OID_BYTES, ByteString.copyFrom(ObjectId.parse(other).bytes())),
            request.getBurnBlobs().getObjectIdsList());
        assertEquals("Burned blob object(s) " + OID + ", " + other + " (blob ID " + FakeGateway.BLOB_ID
            + "); cost 0 FROST, balance 10 FROST\n", result.out());
        assertFailure(burn.run(), 2, "missing --object-ids");
    }

    @Test
    void aRefusalOfTheControlPlaneIsOneLine() {
        extend.route("GET", "/v1/objects/", 200, SignedRequests.objectView(OID, "0x" + "77".repeat(32), false, "{}"));
        extend.route("POST", "/v1/transactions", 403, FakeGateway.error(403, "NOT_OWNER", "not the owner"));

        assertFailure(extend.run("--blob-obj-id", OID, "--epochs-extended", "1"), 1, "not the owner (HTTP 403");
        assertEquals(1, extend.requests("POST", "/").size(), "a 4xx is an answer: not retried");
    }
}
