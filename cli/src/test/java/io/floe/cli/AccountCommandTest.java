package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.cli.client.FakeGateway;
import io.floe.cli.wallet.WalletFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AccountCommandTest {
    @RegisterExtension
    final GatewayFixture account = GatewayFixture.running(AccountCommand::new);
    @RegisterExtension
    final GatewayFixture getWal = GatewayFixture.running(GetWalCommand::new);

    @Test
    void showsTheWalletsAddressBalanceAndStorage() {
        String address = SignedRequests.address();
        String answer = "{\"address\":\"" + address + "\",\"balance\":1500,\"storage\":[{\"id\":\"0x" + "cd".repeat(32)
            + "\",\"startEpoch\":2,\"endEpoch\":6,\"storageSize\":2097152}]}";
        account.respondJson(200, answer);

        Captured human = account.run();
        Captured json = account.run("--json");

        assertEquals(0, human.exitCode(), human.err());
        assertEquals("/v1/accounts/" + address, account.requests().get(0).path());
        assertEquals("Address " + address + "\nBalance 1500 FROST\nFree storage resources:\n  0x" + "cd".repeat(32)
            + "  2.0 MiB, epochs 2 to 6 (exclusive)\n", human.out());
        assertEquals(answer + "\n", json.out());
    }

    @Test
    void getWalAsksTheFaucetForTheWallet() {
        String address = SignedRequests.address();
        String answer = "{\"address\":\"" + address + "\",\"amount\":5000,\"balance\":6500}";
        getWal.respondJson(200, answer);

        Captured human = getWal.run("--amount", "5000");
        Captured json = getWal.run("--json");

        assertEquals(0, human.exitCode(), human.err());
        FakeGateway.Request request = getWal.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/v1/faucet", request.path());
        assertEquals("address=" + address + "&amount=5000", request.query());
        assertEquals("amount=" + GetWalCommand.DEFAULT_AMOUNT, getWal.requests().get(1).query().replaceAll(".*&", ""));
        assertEquals("Received 5000 FROST from the faucet for " + address + "; cost 0 FROST, balance 6500 FROST\n",
            human.out());
        assertEquals(answer + "\n", json.out());
    }

    @Test
    void aNetworkWithoutFaucetIsOneLineAndExitCode1() {
        getWal.respondJson(404, FakeGateway.error(404, "NO_FAUCET", "this network has no faucet"));

        assertFailure(getWal.run(), 1, "this network has no faucet (HTTP 404 NOT_FOUND, NO_FAUCET)");
        assertFailure(getWal.run("--amount", "0"), 2, "--amount needs a number of FROST above 0");
    }

    @Test
    void aWalletOthersCanReadIsRefusedBeforeAnyRequest(@TempDir Path folder) throws Exception {
        Path wallet = folder.resolve("w.json");
        WalletFile.loadOrCreate(wallet);
        Files.setPosixFilePermissions(wallet, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertFailure(account.run("--wallet", wallet.toString()), 1, "readable or writable by others");
        assertEquals(0, account.requests().size());
    }
}
