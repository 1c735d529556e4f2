package io.floe.cli;

/** The command line was fine but the work failed (missing file, blob too large, not enough heap): exit code 1. */
public final class CommandFailedException extends CliException {
    private static final long serialVersionUID = 1L;

    public CommandFailedException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCodes.FAILURE;
    }
}
