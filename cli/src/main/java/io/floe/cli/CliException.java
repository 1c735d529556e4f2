package io.floe.cli;

/**
 * An expected failure of a command: the dispatcher prints {@code error: <message>} on one line, no stack trace, and
 * exits with {@link #exitCode()}. Subclasses name the two kinds callers script against.
 */
public abstract class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected CliException(String message) {
        super(message);
    }

    /** The process exit code this failure maps to. */
    public abstract int exitCode();
}
