package io.floe.cli;

/** Process exit codes of the {@code floe} command, the same for every subcommand. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command ran and failed. */
    public static final int FAILURE = 1;
    /** The command line was wrong; nothing was attempted. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
