package org.twisted4j.application;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One command-line option of an {@link Options} spec: its long name ({@code --port}), an optional one-letter
 * alias ({@code -p}), whether it takes a value, may be repeated or is a plain flag, its default, whether it is
 * required, how its value is checked, and the help line {@code --help} shows. Immutable; each builder
 * method returns a changed copy.
 *
 * <pre>{@code
 * Option.integer("port").shortName('p').defaultValue("8080").help("the port to listen on")
 * Option.flag("nodaemon").shortName('n').help("stay in the foreground")
 * Option.repeatable("header").help("a header to add; may be given more than once")
 * Option.choice("log-format", "text", "json").defaultValue("text").help("how log lines look")
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param name the long name, without the leading dashes
 * @param shortName the one-letter alias, or {@code '\0'} for none
 * @param kind whether the option takes a value, may be repeated, or is a flag
 * @param defaultValue the value used when the option is absent (text, converted like a given value), or null
 * @param isRequired whether the command line must give the option
 * @param help the help line
 * @param metavar the placeholder for the value in help, e.g. {@code PORT}
 * @param converter checks and converts each value
 * @param expected what a good value is, for errors ({@code --port: 'abc' is not a number})
 */
public record Option(String name, char shortName, Kind kind, @Nullable String defaultValue, boolean isRequired,
        String help, String metavar, ValueConverter<?> converter, String expected) {

    /** What an option takes. */
    public enum Kind {
        /** One value; given again, the last one wins. */
        VALUE,
        /** One value each time it is given; all are kept, in order. */
        REPEATABLE,
        /** No value: present or not. */
        FLAG
    }

    /** The converter that keeps the text as it is. */
    public static final ValueConverter<String> TEXT = text -> text;

    /** The converter for whole numbers (decimal). */
    public static final ValueConverter<Integer> INTEGER = Integer::valueOf;

    /** The converter for octal numbers, such as a umask ({@code 077}). */
    public static final ValueConverter<Integer> OCTAL = text -> Integer.valueOf(text, 8);

    /**
     * Checks the parts and fills what is missing.
     *
     * @throws IllegalArgumentException if the name is empty or starts with a dash, the short name is not a
     *     letter or digit, or a flag has a default or is required
     */
    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(metavar, "metavar");
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(expected, "expected");
        if (name.isEmpty() || name.startsWith("-") || name.contains("=")) {
            throw new IllegalArgumentException("bad option name: '" + name + "'");
        }
        if (shortName != '\0' && !Character.isLetterOrDigit(shortName)) {
            throw new IllegalArgumentException("bad short name for --" + name + ": '" + shortName + "'");
        }
        if (kind == Kind.FLAG && (defaultValue != null || isRequired)) {
            throw new IllegalArgumentException("flag --" + name + " can have no default and cannot be required");
        }
    }

    /**
     * Returns an option taking one text value.
     *
     * @param name the long name, without dashes
     * @return the option, with no alias, default or help yet
     */
    public static Option value(String name) {
        return new Option(name, '\0', Kind.VALUE, null, false, "", metavarFor(name), TEXT, "valid");
    }

    /**
     * Returns an option taking one whole number.
     *
     * @param name the long name, without dashes
     * @return the option
     */
    public static Option integer(String name) {
        return value(name).converter(INTEGER, "a number");
    }

    /**
     * Returns an option whose value must be one of {@code choices}.
     *
     * @param name the long name, without dashes
     * @param choices the accepted values
     * @return the option
     */
    public static Option choice(String name, String... choices) {
        List<String> accepted = List.of(choices);
        ValueConverter<String> check = text -> {
            if (!accepted.contains(text)) {
                throw new IllegalArgumentException();
            }
            return text;
        };
        return value(name).converter(check, "one of " + String.join(", ", accepted));
    }

    /**
     * Returns an option that takes a value each time it is given, keeping them all.
     *
     * @param name the long name, without dashes
     * @return the option
     */
    public static Option repeatable(String name) {
        return new Option(name, '\0', Kind.REPEATABLE, null, false, "", metavarFor(name), TEXT, "valid");
    }

    /**
     * Returns a flag: an option without a value.
     *
     * @param name the long name, without dashes
     * @return the option
     */
    public static Option flag(String name) {
        return new Option(name, '\0', Kind.FLAG, null, false, "", "", TEXT, "valid");
    }

    /**
     * Returns a copy with a one-letter alias.
     *
     * @param letter the alias, used as {@code -p VALUE} or {@code -pVALUE}
     * @return the changed copy
     */
    public Option shortName(char letter) {
        return new Option(name, letter, kind, defaultValue, isRequired, help, metavar, converter, expected);
    }

    /**
     * Returns a copy with a default value, shown in help and used when the option is absent.
     *
     * @param value the default, as it would be typed
     * @return the changed copy
     */
    public Option defaultValue(String value) {
        return new Option(name, shortName, kind, value, isRequired, help, metavar, converter, expected);
    }

    /**
     * Returns a copy that the command line must give.
     *
     * @return the changed copy
     */
    public Option required() {
        return new Option(name, shortName, kind, defaultValue, true, help, metavar, converter, expected);
    }

    /**
     * Returns a copy with a help line.
     *
     * @param text what the option is for
     * @return the changed copy
     */
    public Option help(String text) {
        return new Option(name, shortName, kind, defaultValue, isRequired, text, metavar, converter, expected);
    }

    /**
     * Returns a copy whose value is shown in help as {@code placeholder}.
     *
     * @param placeholder e.g. {@code PORT}
     * @return the changed copy
     */
    public Option metavar(String placeholder) {
        return new Option(name, shortName, kind, defaultValue, isRequired, help, placeholder, converter, expected);
    }

    /**
     * Returns a copy whose values are checked and converted by {@code check}.
     *
     * @param check the converter
     * @param description what a good value is, e.g. {@code "a number"}, for the error message
     * @return the changed copy
     */
    public Option converter(ValueConverter<?> check, String description) {
        return new Option(name, shortName, kind, defaultValue, isRequired, help, metavar, check, description);
    }

    /** Returns whether the option takes a value. */
    boolean takesValue() {
        return kind != Kind.FLAG;
    }

    private static String metavarFor(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
