package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.cli.client.FakeGateway;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListBlobsCommandTest {
    private static final String FIRST = "A".repeat(43);
    private static final String SECOND = "B".repeat(42) + "A";
    private static final String THIRD = FakeGateway.BLOB_ID;

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(ListBlobsCommand::new);

    @BeforeEach
    void respondWithTwoPages() {
        // Two pages: the first ends after SECOND when no cursor is given.
        gateway.respond(exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String body = query.contains("cursor=" + SECOND) ? page(null, THIRD)
                : query.contains("limit=1&") || query.endsWith("limit=1") ? page(FIRST, FIRST)
                : page(SECOND, FIRST, SECOND);
            FakeGateway.send(exchange, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void pagesThroughUntilTheLastPage() {
        Captured result = gateway.run();

        assertEquals(0, result.exitCode(), result.err());
        List<FakeGateway.Request> requests = gateway.requests();
        assertEquals(2, requests.size());
        assertEquals("/v1/blobs", requests.get(0).path());
        // Since issue 13 the default owner is the wallet's address (it was the gateway's account).
        String owner = "owner=" + SignedRequests.address();
        assertEquals("limit=1000&" + owner, requests.get(0).query());
        assertEquals("limit=1000&" + owner + "&cursor=" + SECOND, requests.get(1).query());
        assertEquals("3 blobs of gateway:\n"
            + "  " + FIRST + "  certified, 2.0 KiB, certified in epoch 1, end epoch 5, owners gateway\n"
            + "  " + SECOND + "  certified, 2.0 KiB, certified in epoch 1, end epoch 5, owners gateway\n"
            + "  " + THIRD + "  certified, 2.0 KiB, certified in epoch 1, end epoch 5, owners gateway\n",
            result.out());
    }

    @Test
    void stopsAtTheLimitAndSaysWhereToGoOn() {
        Captured result = gateway.run("--limit", "1", "--owner", "alice b", "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("limit=1&owner=alice+b", gateway.onlyRequest().query());
        assertEquals("{\"owner\":\"gateway\",\"blobs\":[{\"blobId\":\"" + FIRST + "\",\"status\":\"certified\","
            + "\"size\":2048,\"endEpoch\":5,\"owners\":[{\"owner\":\"gateway\",\"objectId\":\""
            + FakeGateway.OBJECT_ID + "\"}],\"certifiedEpoch\":1}],\"nextCursor\":\"" + FIRST + "\"}\n",
            result.out());
    }

    @Test
    void listsEveryOwnerWithAll() {
        Captured result = gateway.run("--all", "--cursor", SECOND);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("limit=1000&all=true&cursor=" + SECOND, gateway.onlyRequest().query());
    }

    @Test
    void includesExpiredBlobsWhenAsked() {
        Captured result = gateway.run("--all", "--include-expired", "--limit", "1");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("limit=1&include_expired=true&all=true", gateway.onlyRequest().query());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertFailure(gateway.run("--limit", "0"), 2, "--limit needs a number >= 1");
        assertFailure(gateway.run("--owner", "a", "--all"), 2, "not both");
        assertFailure(gateway.run("--cursor", "nope"), 2, "not a blob ID");
        assertFailure(gateway.run("extra"), 2, "unexpected argument 'extra'");
        assertTrue(gateway.requests().isEmpty());
    }

    @Test
    void aReadSideThatIsNotReadyFailsWithTheGatewaysMessage() {
        gateway.respondJson(503, FakeGateway.error(503, "READ_SIDE_UNAVAILABLE",
            "the blob listing is not available right now"));

        assertFailure(gateway.run(), 1, "the blob listing is not available right now (HTTP 503");
    }

    private static String page(String next, String... ids) {
        StringBuilder sb = new StringBuilder("{\"owner\":\"gateway\",\"blobs\":[");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"blobId\":\"").append(ids[i]).append("\",\"status\":\"certified\","
                + "\"size\":2048,\"endEpoch\":5,\"owners\":[{\"owner\":\"gateway\",\"objectId\":\""
                + FakeGateway.OBJECT_ID + "\"}],\"certifiedEpoch\":1}");
        }
        return sb.append("],\"nextCursor\":").append(next == null ? "null" : "\"" + next + "\"").append('}').toString();
    }
}
