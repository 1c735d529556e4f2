package io.floe.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What one in-process run of a command wrote, and its exit code. */
public record Captured(int exitCode, String out, String err) {
    /** Runs a CLI entry point with fresh, captured stdout and stderr. */
    public static Captured run(Runner runner) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = runner.run(o, e);
        }
        return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code command} with {@code args}. */
    public static Captured run(Command command, String... args) {
        return run((o, e) -> command.run(List.of(args), o, e));
    }

    /** stderr as lines. */
    public List<String> errLines() {
        return err.lines().toList();
    }

    /** An entry point taking stdout and stderr. */
    @FunctionalInterface
    public interface Runner {
        int run(PrintStream out, PrintStream err);
    }
}
