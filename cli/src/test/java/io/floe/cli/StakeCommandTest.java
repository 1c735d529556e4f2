package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.cli.client.FakeGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StakeCommandTest {
    private static final String STAKED = "{\"stakes\":[{\"id\":7,\"nodeId\":\"node-5\",\"owner\":\"gateway\","
        + "\"principal\":2000,\"activationEpoch\":6,\"withdrawEpoch\":null}],\"amount\":2000,\"balanceAfter\":3000}";
    private static final String REQUESTED = "{\"stakes\":[{\"id\":7,\"nodeId\":\"node-5\",\"owner\":\"gateway\","
        + "\"principal\":2000,\"activationEpoch\":6,\"withdrawEpoch\":8}],\"amount\":0,\"balanceAfter\":3000}";

    @RegisterExtension
    final GatewayFixture stake = GatewayFixture.running(StakeCommand::stake);
    @RegisterExtension
    final GatewayFixture requestWithdraw = GatewayFixture.running(StakeCommand::requestWithdraw);
    @RegisterExtension
    final GatewayFixture withdraw = GatewayFixture.running(StakeCommand::withdraw);

    @Test
    void stakesWithTheNodeAndSaysFromWhichEpochItCounts() {
        stake.respondJson(200, STAKED);

        Captured result = stake.run("--node", "node-5", "--amount", "2000");

        assertEquals(0, result.exitCode(), result.err());
        FakeGateway.Request request = stake.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/v1/staking/stake", request.path());
        assertEquals("node=node-5&amount=2000", request.query());
        assertEquals("staked 2000 FROST with node-5 (stake 7 counts from epoch 6); gateway balance 3000 FROST\n",
            result.out());
    }

    @Test
    void requestsAWithdrawalAndPrintsJsonWhenAsked() {
        requestWithdraw.respondJson(200, REQUESTED);

        Captured human = requestWithdraw.run("--node", "node-5");
        assertEquals("requested the withdrawal of 1 stake(s) with node-5 (stake 7 stops counting in epoch 8); "
            + "gateway balance 3000 FROST\n", human.out());
        assertEquals("/v1/staking/request-withdraw", requestWithdraw.requests().get(0).path());

        Captured json = requestWithdraw.run("--node", "node-5", "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(REQUESTED + "\n", json.out());
    }

    @Test
    void aRefusalIsOneLineAndExitCode1() {
        withdraw.respondJson(400, FakeGateway.error(400, "REJECTED", "no withdrawal of node-5 is due before epoch 8"));

        assertFailure(withdraw.run("--node", "node-5"), ExitCodes.FAILURE, "no withdrawal of node-5 is due before epoch 8");
        assertEquals("/v1/staking/withdraw", withdraw.onlyRequest().path());
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
