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
    private final Map<String, List<String>> lists;

    private Arguments(Map<String, String> values, Set<String> flags, List<String> positionals,
                      Map<String, List<String>> lists) {
        this.values = values;
        this.flags = flags;
        this.positionals = positionals;
        this.lists = lists;
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
        return parse(args, valueOptions, flagOptions, Map.of());
    }

    /**
     * Parses {@code args} as {@link #parse(List, Set, Set)} does; {@code listOptions} may be repeated and take
     * values as Walrus's multi-value options do: a fixed number ({@code --attr KEY VALUE}: 2), or with arity 0 every
     * following word up to the next option ({@code --object-ids A B C}). Their values accumulate in order.
     */
    public static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions,
                                  Map<String, Integer> listOptions) {
        Map<String, List<String>> lists = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Integer arity = listOptions.get(arg);
            if (arg.equals("--")) {
                rest.addAll(args.subList(i, args.size()));
                break;
            }
            if (arity == null) {
                rest.add(arg);
                continue;
            }
            List<String> taken = lists.computeIfAbsent(arg, k -> new ArrayList<>());
            int start = taken.size();
            while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")
                    && (arity == 0 || taken.size() - start < arity)) {
                taken.add(args.get(++i));
            }
            if (taken.size() == start || arity > 0 && taken.size() - start < arity) {
                throw new UsageException(arg + " needs " + (arity == 0 ? "a value" : arity + " values"));
            }
        }
        return parseSimple(rest, valueOptions, flagOptions, lists);
    }

    private static Arguments parseSimple(List<String> args, Set<String> valueOptions, Set<String> flagOptions,
                                         Map<String, List<String>> lists) {
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
        return new Arguments(values, flags, positionals, lists);
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

    /** Every value given to a list option, in order; empty when it was not given. */
    public List<String> list(String name) {
        return List.copyOf(lists.getOrDefault(name, List.of()));
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
