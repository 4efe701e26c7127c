package org.twisted4j.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A command line's shape, parsed in the manner of Twisted's {@code twisted.python.usage.Options}: long options
 * ({@code --port=8080} or {@code --port 8080}), one-letter aliases ({@code -p 8080}, {@code -p8080}, flags
 * grouped as {@code -nq}), flags, repeatable options, defaults, required options, positional arguments, and a
 * {@code --help} text listing every option with its default.
 *
 * <pre>{@code
 * Options spec = new Options("portforward [options]")
 *     .description("Forwards a port to another host and port.")
 *     .add(Option.value("port").shortName('p').defaultValue("6666").help("where to listen"))
 *     .add(Option.integer("dest_port").shortName('d').required().help("the port to forward to"));
 * ParsedOptions opts = spec.parse(List.of("--dest_port", "80"));   // throws UsageError if it does not fit
 * int dest = opts.integer("dest_port");
 * }</pre>
 *
 * <p>{@code --help} (and {@code -h} unless an option claims that letter) is always known: it makes
 * {@link ParsedOptions#helpRequested()} true and skips the required-option and argument checks, so the
 * caller can print {@link #help()} instead. {@code --} ends the options; what follows are arguments.
 *
 * <h2>Errors</h2>
 * {@link #parse} throws {@link UsageError} with a message naming the option: {@code unknown option --prot},
 * {@code option --port needs a value}, {@code --port: 'abc' is not a number}, {@code option --nodaemon takes
 * no value}, {@code option --dest_port is required}, {@code unexpected argument 'x'}.
 *
 * <h2>Threading</h2>
 * Build on one thread; once built, {@link #parse} and {@link #help} may be called from any thread.
 */
public final class Options {

    private final String synopsis;
    private String description = "";
    private final Map<String, Option> byName = new LinkedHashMap<>();
    private final Map<Character, Option> byLetter = new LinkedHashMap<>();
    private @Nullable String argumentsName;
    private boolean stopAtFirstArgument;

    /**
     * Creates an empty spec.
     *
     * @param synopsis the usage line after {@code Usage: }, e.g. {@code "twist [options] PLUGIN [plugin options]"}
     */
    public Options(String synopsis) {
        this.synopsis = Objects.requireNonNull(synopsis, "synopsis");
    }

    /**
     * Sets the paragraph shown under the usage line in help.
     *
     * @param text what the command does
     * @return this spec
     */
    public Options description(String text) {
        description = Objects.requireNonNull(text, "text");
        return this;
    }

    /**
     * Adds an option.
     *
     * @param option the option
     * @return this spec
     * @throws IllegalArgumentException if its long or short name is already taken, or is {@code help}
     */
    public Options add(Option option) {
        Objects.requireNonNull(option, "option");
        if (option.name().equals("help") || byName.containsKey(option.name())) {
            throw new IllegalArgumentException("option --" + option.name() + " is already defined");
        }
        if (option.shortName() != '\0' && byLetter.containsKey(option.shortName())) {
            throw new IllegalArgumentException("option -" + option.shortName() + " is already defined");
        }
        byName.put(option.name(), option);
        if (option.shortName() != '\0') {
            byLetter.put(option.shortName(), option);
        }
        return this;
    }

    /**
     * Allows positional arguments (none are allowed unless this is called).
     *
     * @param name how help names them, e.g. {@code "FILE..."}
     * @param stopAtFirst whether the first argument ends option parsing, so that it and everything after it
     *     are arguments: how a runner hands {@code PLUGIN [plugin options]} on untouched
     * @return this spec
     */
    public Options arguments(String name, boolean stopAtFirst) {
        argumentsName = Objects.requireNonNull(name, "name");
        stopAtFirstArgument = stopAtFirst;
        return this;
    }

    /** Returns the options in the order they were added. */
    public List<Option> options() {
        return List.copyOf(byName.values());
    }

    /** Returns the usage line given at construction. */
    public String synopsis() {
        return synopsis;
    }

    /**
     * Parses a command line.
     *
     * @param args the words after the program (or plugin) name
     * @return the values, defaults filled in
     * @throws UsageError if the command line does not fit this spec; the message names the option
     */
    public ParsedOptions parse(List<String> args) {
        Parse state = new Parse(args);
        state.run();
        return state.finish();
    }

    /**
     * Returns the help text: the usage line, the description, and one line per option with its aliases,
     * value placeholder, help and default.
     */
    public String help() {
        return help("");
    }

    /**
     * Returns the help text with {@code command} before the synopsis in the usage line, as a runner shows a
     * plugin's help: {@code help("twist")} gives {@code Usage: twist portforward [options]}.
     *
     * @param command what the user typed before the synopsis, or empty
     * @return the help text
     */
    public String help(String command) {
        StringBuilder out = new StringBuilder("Usage: ").append(command.isEmpty() ? "" : command + " ")
                .append(synopsis).append('\n');
        if (!description.isEmpty()) {
            out.append(description).append('\n');
        }
        out.append("Options:\n");
        List<String[]> rows = new ArrayList<>();
        for (Option o : byName.values()) {
            String left = (o.shortName() != '\0' ? "-" + o.shortName() + ", " : "    ") + "--" + o.name()
                    + (o.takesValue() ? "=" + o.metavar() : "");
            StringBuilder right = new StringBuilder(o.help());
            if (o.kind() == Option.Kind.REPEATABLE) {
                right.append(right.isEmpty() ? "" : " ").append("(may be repeated)");
            }
            if (o.isRequired()) {
                right.append(right.isEmpty() ? "" : " ").append("(required)");
            }
            if (o.defaultValue() != null) {
                right.append(right.isEmpty() ? "" : " ").append("[default: ").append(o.defaultValue()).append(']');
            }
            rows.add(new String[] {left, right.toString()});
        }
        rows.add(new String[] {(byLetter.containsKey('h') ? "    " : "-h, ") + "--help", "Display this help and exit."});
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] row : rows) {
            out.append("  ").append(row[0]).append(" ".repeat(width - row[0].length() + 2)).append(row[1])
                    .append('\n');
        }
        return out.toString();
    }

    /** One run of the parser over one command line. */
    private final class Parse {
        private final List<String> args;
        private int next;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final List<String> arguments = new ArrayList<>();
        private boolean help;

        Parse(List<String> args) {
            this.args = List.copyOf(args);
        }

        void run() {
            boolean optionsEnded = false;
            while (next < args.size()) {
                String word = args.get(next++);
                if (optionsEnded || word.equals("-") || !word.startsWith("-")) {
                    argument(word);
                    if (stopAtFirstArgument) {
                        optionsEnded = true;
                    }
                } else if (word.equals("--")) {
                    optionsEnded = true;
                } else if (word.startsWith("--")) {
                    longOption(word.substring(2));
                } else {
                    shortOptions(word.substring(1));
                }
            }
        }

        private void argument(String word) {
            if (argumentsName == null) {
                throw new UsageError("unexpected argument '" + word + "'");
            }
            arguments.add(word);
        }

        private void longOption(String text) {
            int eq = text.indexOf('=');
            String name = eq < 0 ? text : text.substring(0, eq);
            if (name.equals("help")) {
                help = true;
                return;
            }
            Option option = byName.get(name);
            if (option == null) {
                throw new UsageError("unknown option --" + name);
            }
            if (!option.takesValue()) {
                if (eq >= 0) {
                    throw new UsageError("option --" + name + " takes no value");
                }
                values.put(name, Boolean.TRUE);
                return;
            }
            String value;
            if (eq >= 0) {
                value = text.substring(eq + 1);
            } else if (next < args.size()) {
                value = args.get(next++);
            } else {
                throw new UsageError("option --" + name + " needs a value");
            }
            store(option, value);
        }

        private void shortOptions(String letters) {
            for (int i = 0; i < letters.length(); i++) {
                char letter = letters.charAt(i);
                Option option = byLetter.get(letter);
                if (option == null) {
                    if (letter == 'h') {
                        help = true;
                        continue;
                    }
                    throw new UsageError("unknown option -" + letter);
                }
                if (!option.takesValue()) {
                    values.put(option.name(), Boolean.TRUE);
                    continue;
                }
                String value;
                if (i + 1 < letters.length()) {
                    value = letters.substring(i + 1);
                } else if (next < args.size()) {
                    value = args.get(next++);
                } else {
                    throw new UsageError("option -" + letter + " (--" + option.name() + ") needs a value");
                }
                store(option, value);
                return;
            }
        }

        private void store(Option option, String text) {
            Object value = convert(option, text);
            if (option.kind() == Option.Kind.REPEATABLE) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) values.computeIfAbsent(option.name(), k -> new ArrayList<>());
                list.add(value);
            } else {
                values.put(option.name(), value);
            }
        }

        ParsedOptions finish() {
            Map<String, Object> result = new LinkedHashMap<>();
            for (Option o : byName.values()) {
                Object given = values.get(o.name());
                switch (o.kind()) {
                    case FLAG -> result.put(o.name(), given != null);
                    case REPEATABLE -> {
                        if (given != null) {
                            result.put(o.name(), List.copyOf((List<?>) given));
                        } else if (o.defaultValue() != null) {
                            result.put(o.name(), List.of(convert(o, o.defaultValue())));
                        } else {
                            result.put(o.name(), List.of());
                        }
                    }
                    case VALUE -> {
                        if (given != null) {
                            result.put(o.name(), given);
                        } else if (o.defaultValue() != null) {
                            result.put(o.name(), convert(o, o.defaultValue()));
                        }
                    }
                }
                if (!help && o.isRequired() && given == null) {
                    throw new UsageError("option --" + o.name() + " is required");
                }
            }
            return new ParsedOptions(result, byName.keySet(), values.keySet(), arguments, help);
        }
    }

    private static Object convert(Option option, String text) {
        Object value;
        try {
            value = option.converter().convert(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--" + option.name() + ": '" + text + "' is not " + option.expected());
        }
        return Objects.requireNonNull(value, "converter of --" + option.name() + " returned null");
    }
}
