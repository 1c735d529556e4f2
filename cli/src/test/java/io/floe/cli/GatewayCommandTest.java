package io.floe.cli;

import static io.floe.cli.CliAssertions.QUIET;
import static io.floe.cli.CliAssertions.assertFailure;
import static io.floe.cli.CliAssertions.environment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The options and environment every gateway command shares, exercised through {@code floe info}. */
class GatewayCommandTest {
    private static final String STATUS = "{\"epoch\":1,\"nShards\":4,\"nodes\":[]}";

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(InfoCommand::new);

    @BeforeEach
    void answerWithTheStatus() {
        gateway.respondJson(200, STATUS);
    }

    @Test
    void floeGatewayVariableChoosesTheGateway() {
        Captured result = Captured.run(new InfoCommand(environment(Map.of("FLOE_GATEWAY", gateway.url()), false)),
            "--json");

        assertEquals(0, result.exitCode(), result.err());
        // info --json is Walrus's InfoOutput since issue 14: the shard count shows this gateway answered.
        assertEquals(true, result.out().contains("\"storageInfo\":{\"nShards\":4,\"nNodes\":0}"), result.out());
        assertEquals(1, gateway.requests().size());
    }

    @Test
    void gatewayOptionWinsOverTheVariable() {
        GatewayCommand.Environment elsewhere = environment(Map.of("FLOE_GATEWAY", "http://127.0.0.1:1"), false);

        assertEquals(0, gateway.run(elsewhere).exitCode());
        assertEquals(1, gateway.requests().size());
    }

    @Test
    void keepsThePathPrefixOfTheGatewayUrl() {
        Captured result = Captured.run(new InfoCommand(QUIET), "--gateway", gateway.url() + "/floe/", "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("/floe/status", gateway.onlyRequest().path());
    }

    @Test
    void badGatewayUrlsAreUsageErrors() {
        assertFailure(Captured.run(new InfoCommand(QUIET), "--gateway", "127.0.0.1:31415"), 2,
            "--gateway: not an http:// or https:// URL");
        assertFailure(Captured.run(new InfoCommand(QUIET), "--gateway", "http://host/?x=1"), 2,
            "no query or fragment");
        assertFailure(Captured.run(new InfoCommand(environment(Map.of("FLOE_GATEWAY", "ftp://x"), false))), 2,
            "FLOE_GATEWAY: not an http:// or https:// URL: ftp://x");
    }

    @Test
    void everyGatewayCommandIsInFloeHelpWithItsOptions() {
        for (Command command : List.of(new StoreCommand(QUIET), new ReadCommand(QUIET),
                new BlobStatusCommand(QUIET), new InfoCommand(QUIET))) {
            Captured help = Captured.run(command, "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().startsWith("usage: floe " + command.name() + " "), help.out());
            assertTrue(help.out().contains("--gateway URL      the gateway's client API (default $FLOE_GATEWAY, else "
                + "http://127.0.0.1:31415)"), help.out());
            assertTrue(help.out().contains("  -h, --help         show this help\n\nexit codes: "), help.out());
        }
    }
}
