package io.floe.cli;

/** The command line is wrong (missing argument, unknown option, bad value): exit code 2. */
public final class UsageException extends CliException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
