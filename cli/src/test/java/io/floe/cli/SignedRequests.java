package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.cli.client.FakeGateway;
import io.floe.cli.client.SignedEnvelope;
import io.floe.cli.wallet.Wallet;
import io.floe.cli.wallet.WalletFile;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.account.VerifiedRequest;
import java.nio.charset.StandardCharsets;

/** What the signing command tests share: the test wallet, decoding what a command sent, canned receipts. */
final class SignedRequests {
    private SignedRequests() {
    }

    /** The wallet the commands use under {@link CliAssertions#QUIET}. */
    static Wallet wallet() {
        return WalletFile.loadOrCreate(CliAssertions.WALLET);
    }

    static String address() {
        return wallet().address().value();
    }

    /** The signed request a {@code POST /v1/transactions} carried, verified now and named by the test wallet. */
    static VerifiedRequest verified(FakeGateway.Request request) {
        assertEquals("POST", request.method());
        assertEquals("/v1/transactions", request.path());
        SignedRequest signed = SignedEnvelope.parse(new String(request.body(), StandardCharsets.UTF_8));
        VerifiedRequest verified = signed.verify(System.currentTimeMillis());
        assertEquals(address(), verified.request().getAccount());
        return verified;
    }

    /** A receipt answer for {@code operation}, with {@code objects} (JSON array items, may be empty). */
    static String receipt(String operation, long cost, long amount, long balance, String objects) {
        return "{\"receipt\":{\"requestId\":\"r\",\"account\":\"" + address() + "\",\"operation\":\"" + operation
            + "\",\"cost\":" + cost + ",\"amount\":" + amount + ",\"balanceAfter\":" + balance
            + ",\"objects\":[" + objects + "]}}";
    }

    /** A blob object of the test blob, owned by {@code owner}, ending at {@code endEpoch}. */
    static String blobObject(String objectId, String owner, int endEpoch, boolean shared, String attributes) {
        return "{\"id\":\"" + objectId + "\",\"registeredEpoch\":1,\"blobId\":\"" + FakeGateway.BLOB_ID
            + "\",\"size\":2048,\"encodingType\":\"RS2\",\"certifiedEpoch\":1,\"storage\":{\"id\":\"0x"
            + "cd".repeat(32) + "\",\"startEpoch\":1,\"endEpoch\":" + endEpoch + ",\"storageSize\":1048576},"
            + "\"deletable\":true,\"owner\":" + (owner == null ? "null" : "\"" + owner + "\"") + ",\"shared\":"
            + shared + ",\"attributes\":" + attributes + "}";
    }

    /** The {@code GET /v1/objects/{id}} answer for {@link #blobObject}. */
    static String objectView(String objectId, String owner, boolean shared, String attributes) {
        return "{\"blobId\":\"" + FakeGateway.BLOB_ID + "\",\"blobObject\":"
            + blobObject(objectId, owner, 5, shared, attributes) + "}";
    }
}
