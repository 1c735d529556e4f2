package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.cli.client.FakeGateway;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Since issue 13 the staking commands sign requests on the wallet's account ({@code POST /v1/transactions}) instead
 * of calling the gateway operator's {@code /v1/staking/*} routes: the paths, the bodies and the printed lines
 * changed; the usage errors did not.
 */
class StakeCommandTest {
    @RegisterExtension
    final GatewayFixture stake = GatewayFixture.running(StakeCommand::stake);
    @RegisterExtension
    final GatewayFixture requestWithdraw = GatewayFixture.running(StakeCommand::requestWithdraw);
    @RegisterExtension
    final GatewayFixture withdraw = GatewayFixture.running(StakeCommand::withdraw);

    @Test
    void stakesTheWalletsFrostWithASignedRequest() {
        stake.respondJson(200, SignedRequests.receipt("stake", 0, 2000, 3000, ""));

        Captured result = stake.run("--node", "node-5", "--amount", "2000");

        assertEquals(0, result.exitCode(), result.err());
        VerifiedRequest request = SignedRequests.verified(stake.onlyRequest());
        assertEquals(ClientRequest.OperationCase.STAKE, request.operation());
        assertEquals("node-5", request.request().getStake().getNodeId());
        assertEquals(2000, request.request().getStake().getAmount());
        long ahead = request.expiresAtMillis() - System.currentTimeMillis();
        assertTrue(ahead > 4 * 60_000 && ahead <= 5 * 60_000, "expires about 5 minutes ahead: " + ahead);
        assertEquals("Staked 2000 FROST with node-5; cost 0 FROST, balance 3000 FROST\n", result.out());
    }

    @Test
    void requestsAWithdrawalAndPrintsTheReceiptAsJsonWhenAsked() {
        String receipt = SignedRequests.receipt("request_withdraw_stake", 0, 0, 3000, "");
        requestWithdraw.respondJson(200, receipt);

        Captured human = requestWithdraw.run("--node", "node-5");
        assertEquals("Requested the withdrawal of the wallet's stake with node-5; cost 0 FROST, balance 3000 FROST\n",
            human.out());
        assertEquals("node-5", SignedRequests.verified(requestWithdraw.requests().get(0)).request()
            .getRequestWithdrawStake().getNodeId());

        Captured json = requestWithdraw.run("--node", "node-5", "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(receipt + "\n", json.out());
        String first = SignedRequests.verified(requestWithdraw.requests().get(0)).request().getRequestId();
        String second = SignedRequests.verified(requestWithdraw.requests().get(1)).request().getRequestId();
        assertTrue(!first.equals(second), "every command signs a fresh request ID");
    }

    @Test
    void aRefusalIsOneLineAndExitCode1() {
        withdraw.respondJson(400, FakeGateway.error(400, "REJECTED", "no withdrawal of node-5 is due before epoch 8"));

        assertFailure(withdraw.run("--node", "node-5"), ExitCodes.FAILURE, "no withdrawal of node-5 is due before epoch 8");
        assertEquals(ClientRequest.OperationCase.WITHDRAW_STAKE,
            SignedRequests.verified(withdraw.onlyRequest()).operation());
    }

    @Test
    void retriesALostAnswerWithTheSameSignedBytes() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        stake.respond(exchange -> {
            boolean first = calls.getAndIncrement() == 0;
            byte[] body = (first ? FakeGateway.error(503, "UNAVAILABLE", "busy")
                : SignedRequests.receipt("stake", 0, 5, 10, "")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            FakeGateway.send(exchange, first ? 503 : 200, "application/json", body);
        });

        Captured result = stake.run("--node", "node-5", "--amount", "5");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(2, stake.requests().size());
        assertEquals(new String(stake.requests().get(0).body()), new String(stake.requests().get(1).body()));
        SignedRequests.verified(stake.requests().get(1));
    }

    @Test
    void badArgumentsAreUsageErrorsBeforeAnyRequest() {
        assertFailure(stake.run("--amount", "5"), ExitCodes.USAGE, "missing --node");
        assertFailure(stake.run("--node", "node-5"), ExitCodes.USAGE, "missing --amount");
        assertFailure(stake.run("--node", "node-5", "--amount", "0"), ExitCodes.USAGE, "above 0");
        assertFailure(stake.run("--node", "node-5", "--amount", "lots"), ExitCodes.USAGE, "above 0");
        assertFailure(stake.run("--node", "Node_5", "--amount", "5"), ExitCodes.USAGE, "--node");
        assertFailure(withdraw.run("--node", "node-5", "--amount", "5"), ExitCodes.USAGE, "unknown option --amount");
        assertEquals(0, stake.requests().size() + withdraw.requests().size());
    }
}
