package io.floe.cli;

import io.floe.cli.client.FakeGateway;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The set-up every gateway command test shares: a {@link FakeGateway} that listens for the length of each test (hold
 * it in a {@code @RegisterExtension} field) and runs the command under test against itself, {@code --gateway URL}
 * appended to the arguments.
 */
final class GatewayFixture extends FakeGateway {
    private final Function<GatewayCommand.Environment, ? extends GatewayCommand> command;

    private GatewayFixture(Function<GatewayCommand.Environment, ? extends GatewayCommand> command) {
        this.command = command;
    }

    /** A fixture running the command that {@code command} creates for an environment, e.g. {@code ReadCommand::new}. */
    static GatewayFixture running(Function<GatewayCommand.Environment, ? extends GatewayCommand> command) {
        return new GatewayFixture(command);
    }

    /** Runs the command with {@code args} against this gateway, with no FLOE_GATEWAY and no terminal. */
    Captured run(String... args) {
        return run(CliAssertions.QUIET, args);
    }

    /** Runs the command with {@code args} against this gateway, in {@code environment}. */
    Captured run(GatewayCommand.Environment environment, String... args) {
        return Captured.run(command.apply(environment), withGateway(url(), args));
    }

    /** Closes this gateway, then runs the command with {@code args} against its URL, where nothing listens now. */
    Captured runUnreachable(String... args) {
        String url = url();
        close();
        return Captured.run(command.apply(CliAssertions.QUIET), withGateway(url, args));
    }

    private static String[] withGateway(String url, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = GatewayCommand.GATEWAY;
        all[args.length + 1] = url;
        return all;
    }
}
