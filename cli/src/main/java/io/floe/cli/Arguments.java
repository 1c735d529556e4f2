package io.floe.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's parsed arguments: long options ({@code --name value}, {@code --name=value}), boolean flags and
 * positionals, in the style of the {@code walrus} CLI. {@code --} ends the options. Unknown or repeated options and
 * options without their value are usage errors.
 */
public final class Arguments {
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positionals;

    private Arguments(Map<String, String> values, Set<String> flags, List<String> positionals) {
        this.values = values;
        this.flags = flags;
        this.positionals = positionals;
    }

    /** True when {@code --help} or {@code -h} appears before any {@code --}. */
    public static boolean asksForHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses {@code args}; {@code valueOptions} take a value, {@code flagOptions} do not. Names include the dashes.
     */
    public static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (valueOptions.contains(name)) {
                String value = eq >= 0 ? arg.substring(eq + 1) : takeValue(args, ++i, name);
                if (values.putIfAbsent(name, value) != null) {
                    throw new UsageException(name + " given more than once");
                }
            } else if (flagOptions.contains(name) && eq < 0) {
                if (!flags.add(name)) {
                    throw new UsageException(name + " given more than once");
                }
            } else if (flagOptions.contains(name)) {
                throw new UsageException(name + " takes no value");
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return new Arguments(values, flags, positionals);
    }

    // A following "--option" means the value was forgotten, but "-5" is a (bad) value worth reporting as such.
    private static String takeValue(List<String> args, int i, String name) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return args.get(i);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The option's value as an int, or {@code defaultValue} when the option is absent. */
    public int intValue(String name, int defaultValue) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs an integer, got '" + text + "'");
        }
    }

    public List<String> positionals() {
        return List.copyOf(positionals);
    }

    /** The only positional argument, described as {@code what} in the error when there is none or more than one. */
    public String singlePositional(String what) {
        if (positionals.isEmpty()) {
            throw new UsageException("missing " + what);
        }
        if (positionals.size() > 1) {
            throw new UsageException("unexpected argument '" + positionals.get(1) + "' (only one " + what + ")");
        }
        return positionals.get(0);
    }
}
