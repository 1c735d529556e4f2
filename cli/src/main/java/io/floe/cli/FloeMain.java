package io.floe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code floe} command: picks the subcommand named by the first argument and exits with its code. Global options
 * ({@code --help}, {@code --version}) come before the subcommand; everything after it belongs to the subcommand.
 */
public final class FloeMain {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    FloeMain(List<Command> commands) {
        for (Command command : commands) {
            this.commands.put(command.name(), command);
        }
    }

    /** The commands of this release, in the order {@code floe --help} lists them. */
    public static FloeMain standard() {
        GatewayCommand.Environment system = GatewayCommand.Environment.system();
        Clock clock = Clock.systemUTC();
        return new FloeMain(List.of(
            new StoreCommand(system),
            new ReadCommand(system),
            new StoreQuiltCommand(system),
            new ReadQuiltCommand(system),
            new ListPatchesInQuiltCommand(system),
            new BlobStatusCommand(system),
            new ListBlobsCommand(system),
            new BlobIdCommand(),
            new ConvertBlobIdCommand(),
            new InfoCommand(system),
            new HealthCommand(system),
            new AccountCommand(system),
            new GetWalCommand(system),
            new DeleteCommand(system, clock),
            BlobObjectCommand.extend(system, clock),
            BlobObjectCommand.share(system, clock),
            BlobObjectCommand.fund(system, clock),
            new BurnBlobsCommand(system, clock),
            BlobAttributeCommand.get(system, clock),
            BlobAttributeCommand.set(system, clock),
            BlobAttributeCommand.removeFields(system, clock),
            BlobAttributeCommand.remove(system, clock),
            StakeCommand.stake(system),
            StakeCommand.requestWithdraw(system),
            StakeCommand.withdraw(system),
            MemberCommand.node(),
            MemberCommand.daemon(),
            new LocalCommand()));
    }

    public static void main(String[] args) {
        int code = standard().run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs {@code floe args...} in this JVM and returns the exit code. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String first = args.isEmpty() ? null : args.get(0);
        if (first == null) {
            err.print(help());
            return ExitCodes.USAGE;
        }
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            return help(args.subList(1, args.size()), out, err);
        }
        if (first.equals("--version") || first.equals("-V")) {
            out.println("floe " + version() + " (Java " + Runtime.version() + ")");
            return ExitCodes.OK;
        }
        Command command = commands.get(first);
        if (command == null) {
            String what = first.startsWith("-") ? "unknown option '" : "unknown command '";
            err.println("error: " + what + first + "' (see 'floe --help')");
            return ExitCodes.USAGE;
        }
        return command.run(args.subList(1, args.size()), out, err);
    }

    // "floe help" lists the commands; "floe help blob-id" is "floe blob-id --help".
    private int help(List<String> rest, PrintStream out, PrintStream err) {
        if (rest.isEmpty()) {
            out.print(help());
            return ExitCodes.OK;
        }
        Command command = commands.get(rest.get(0));
        if (command == null) {
            err.println("error: unknown command '" + rest.get(0) + "' (see 'floe --help')");
            return ExitCodes.USAGE;
        }
        out.print(command.usage());
        return ExitCodes.OK;
    }

    private String help() {
        StringBuilder sb = new StringBuilder()
            .append("usage: floe <command> [options]\n\n")
            .append("Floe: a decentralized blob store implementing the Walrus design.\n\n")
            .append("commands:\n");
        for (Command command : commands.values()) {
            sb.append(String.format("  %-22s %s%n", command.name(), command.summary()));
        }
        return sb.append(String.format("  %-22s %s%n", "help", "Show this help, or a command's help"))
            .append("\noptions:\n")
            .append("  -h, --help     show this help\n")
            .append("  -V, --version  show the version\n")
            .append("\nRun 'floe <command> --help' for a command's options.\n")
            .toString();
    }

    /** The project version from the pom.properties Maven puts in the jar; "dev" when run from classes. */
    static String version() {
        String resource = "/META-INF/maven/io.floe/floe-cli/pom.properties";
        try (InputStream in = FloeMain.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
