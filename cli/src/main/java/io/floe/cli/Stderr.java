package io.floe.cli;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * A command's stderr for the duration of its run: {@link Command#execute} only gets stdout, yet progress bars and
 * notes that are not the command's answer belong on stderr. Outside a run it is {@link System#err}.
 */
final class Stderr {
    private PrintStream err = System.err;

    /** Runs {@code run} with {@link #get} answering {@code err}, and returns its exit code. */
    int during(PrintStream err, IntSupplier run) {
        this.err = err;
        try {
            return run.getAsInt();
        } finally {
            this.err = System.err;
        }
    }

    PrintStream get() {
        return err;
    }
}
