package io.floe.cli;

import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.InvalidBlobIdException;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * What the commands that talk to a gateway share: the {@code --gateway}, {@code --timeout} and {@code --json}
 * options, the {@code FLOE_GATEWAY} variable, blob ID checks done before any request, and one mapping of gateway
 * failures to one-line errors with exit code 1.
 */
abstract class GatewayCommand implements Command {
    static final String GATEWAY = "--gateway";
    static final String TIMEOUT = "--timeout";
    static final String JSON = "--json";
    static final String PROGRESS = "--progress";
    static final String GATEWAY_VARIABLE = "FLOE_GATEWAY";
    /** Lines for the usage texts, so every command documents the shared options the same way. */
    static final String COMMON_OPTIONS = """
          --gateway URL      the gateway's client API (default $FLOE_GATEWAY, else %s)
          --timeout SECONDS  give up when the whole request takes longer (default %d)
          -h, --help         show this help
        """;

    private final String name;
    private final String summary;
    private final int defaultTimeoutSeconds;
    private final Environment environment;
    private final Stderr stderr = new Stderr();

    /** {@code defaultTimeoutSeconds} is this command's default for {@code --timeout}. */
    GatewayCommand(String name, String summary, int defaultTimeoutSeconds, Environment environment) {
        this.name = name;
        this.summary = summary;
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
        this.environment = environment;
    }

    /** The process environment and terminal, replaceable in tests. */
    record Environment(Function<String, String> variables, BooleanSupplier interactive) {
        static Environment system() {
            return new Environment(System::getenv, Environment::consoleIsTerminal);
        }

        // Java 22+ returns a Console even when redirected and says so with isTerminal(); 17 returns null then.
        private static boolean consoleIsTerminal() {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                Method isTerminal = Console.class.getMethod("isTerminal");
                return Boolean.TRUE.equals(isTerminal.invoke(console));
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }

    String commonOptions() {
        return COMMON_OPTIONS.formatted(GatewayClient.DEFAULT_GATEWAY, defaultTimeoutSeconds);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return stderr.during(err, () -> Command.super.run(args, out, err));
    }

    Environment environment() {
        return environment;
    }

    PrintStream err() {
        return stderr.get();
    }

    /** A client for the gateway chosen by {@code --gateway}, else {@code FLOE_GATEWAY}, else the default. */
    GatewayClient client(Arguments parsed) {
        int seconds = parsed.intValue(TIMEOUT, defaultTimeoutSeconds);
        if (seconds < 1) {
            throw new UsageException(TIMEOUT + " needs a number of seconds >= 1, got " + seconds);
        }
        return new GatewayClient(gateway(parsed), Duration.ofSeconds(seconds));
    }

    private URI gateway(Arguments parsed) {
        String fromOption = parsed.value(GATEWAY).orElse(null);
        String fromVariable = environment.variables().apply(GATEWAY_VARIABLE);
        String source = fromOption != null ? GATEWAY : GATEWAY_VARIABLE;
        String text = fromOption != null ? fromOption : fromVariable;
        if (text == null || (fromOption == null && text.isBlank())) {
            return GatewayClient.DEFAULT_GATEWAY;
        }
        try {
            return GatewayClient.parseGateway(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(source + ": " + e.getMessage());
        }
    }

    /** {@code text} as a blob ID; a malformed one is a usage error, found before any request is made. */
    static BlobId blobId(String text) {
        try {
            return BlobId.parse(text);
        } catch (InvalidBlobIdException e) {
            throw new UsageException("not a blob ID: " + e.getMessage());
        }
    }

    /** Whether to draw a bar: {@code --progress} was given, or {@code auto} and stderr looks like a terminal. */
    boolean progressWanted(Arguments parsed, boolean auto) {
        return parsed.flag(PROGRESS) || (auto && environment.interactive().getAsBoolean());
    }

    /** The network's shard count, prices and epoch ({@code GET /status}); a failure is the command's. */
    static io.floe.cli.client.GatewayInfo networkInfo(GatewayClient client) {
        try {
            return client.info();
        } catch (GatewayException e) {
            throw failed(e);
        }
    }

    /** A gateway failure as the command's one-line failure, exit code 1. */
    static CommandFailedException failed(GatewayException e) {
        return new CommandFailedException(e.getMessage());
    }
}
