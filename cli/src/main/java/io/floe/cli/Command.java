package io.floe.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code floe} subcommand. An implementation parses its own arguments, writes its result to {@code out} and
 * reports expected failures by throwing a {@link CliException}; {@link #run} turns those into one {@code error:}
 * line and an exit code, so every command fails the same way.
 */
public interface Command {
    /** The word after {@code floe}, e.g. {@code blob-id}. */
    String name();

    /** One line for the command list of {@code floe --help}. */
    String summary();

    /** The full help text printed by {@code floe <name> --help}, ending with a newline. */
    String usage();

    /** Does the work; {@code args} are the words after the command name. */
    void execute(List<String> args, PrintStream out);

    /** Runs the command and returns the process exit code; never throws for an expected failure. */
    default int run(List<String> args, PrintStream out, PrintStream err) {
        if (Arguments.asksForHelp(args)) {
            out.print(usage());
            return ExitCodes.OK;
        }
        try {
            execute(args, out);
            return ExitCodes.OK;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage() + " (see 'floe " + name() + " --help')");
            return e.exitCode();
        } catch (CliException e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (OutOfMemoryError e) {
            // Only reached when the up-front estimate was too low; the heap is free again once we are here.
            err.println("error: out of memory (" + e.getMessage() + "); give the JVM more heap with"
                + " FLOE_JAVA_OPTS=-Xmx<size>");
            return ExitCodes.FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
