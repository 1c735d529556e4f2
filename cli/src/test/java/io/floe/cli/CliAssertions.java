package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/** Shared checks and fixtures of the gateway command tests. */
final class CliAssertions {
    /** No FLOE_GATEWAY, and stderr is not a terminal. */
    static final GatewayCommand.Environment QUIET = environment(Map.of(), false);

    private CliAssertions() {
    }

    static GatewayCommand.Environment environment(Map<String, String> variables, boolean interactive) {
        return new GatewayCommand.Environment(variables::get, () -> interactive);
    }

    /**
     * {@code text} as the JSON string the CLI prints, worked out without Jackson: quotes and backslashes escaped.
     * Only for printable ASCII, such as the temporary paths the tests print.
     */
    static String jsonString(String text) {
        assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7F), () -> "not printable ASCII: " + text);
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** One line on stderr, starting with "error: " and containing {@code expected}; nothing on stdout. */
    static void assertFailure(Captured result, int exitCode, String expected) {
        assertEquals(exitCode, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
        assertTrue(result.err().contains(expected), () -> "expected '" + expected + "' in: " + result.err());
    }
}
