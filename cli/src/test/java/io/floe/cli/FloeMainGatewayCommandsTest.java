package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway commands as {@code floe} dispatches them, without a gateway. */
class FloeMainGatewayCommandsTest {
    private static Captured floe(String... args) {
        return Captured.run((out, err) -> FloeMain.standard().run(List.of(args), out, err));
    }

    @Test
    void helpListsTheGatewayCommands() {
        String help = floe("--help").out();

        for (String command : List.of("store", "read", "blob-status", "blob-id", "info")) {
            assertTrue(help.contains("\n  " + command + " "), help);
        }
    }

    @Test
    void badBlobIdIsExitTwoWithoutAGateway() {
        Captured result = floe("read", "nope");

        assertEquals(2, result.exitCode());
        assertEquals(List.of("error: not a blob ID: a blob ID is 43 URL-safe base64 characters, got 4"
            + " (see 'floe read --help')"), result.errLines());
    }

    @Test
    void unreachableGatewayIsExitOneWithOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;

        Captured result = floe("info", "--gateway", url);

        assertEquals(1, result.exitCode());
        assertEquals(List.of("error: cannot reach the gateway at " + url + " (is `./floe local` running?)"),
            result.errLines());
        assertEquals("", result.out());
    }
}
