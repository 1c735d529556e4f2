package io.floe.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.json.Json;
import io.floe.cli.FloeMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code floe} commands run in this JVM as a user types them, against a test network's gateway: what the command
 * line reaches is the network's real HTTP API, only the process start is saved. Nothing here reads or writes the
 * user's configuration folder (commands that need a wallet get one with {@code --wallet}).
 */
final class FloeCli {
    private FloeCli() {
    }

    /** How one command ended: its exit code and what it printed. */
    record Run(int exitCode, String out, String err) {
        /** The output as JSON, insisting on a clean exit (for {@code --json} commands). */
        JsonNode json() {
            return Json.parse(ok().getBytes(StandardCharsets.UTF_8));
        }

        /** The output, insisting on a clean exit. */
        String ok() {
            if (exitCode != 0) {
                throw new AssertionError("floe exited " + exitCode + ": " + err + out);
            }
            return out;
        }
    }

    static Run run(String... args) {
        return run(List.of(args));
    }

    static Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FloeMain.standard().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
