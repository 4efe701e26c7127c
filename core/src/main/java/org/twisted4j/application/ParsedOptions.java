package org.twisted4j.application;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The values of one parsed command line, as {@link Options#parse} returns them: each option's converted value
 * (or its default), flags as booleans, repeatable options as lists, and the positional arguments.
 *
 * <pre>{@code
 * ParsedOptions opts = spec.parse(args);
 * String listen = opts.string("port");
 * boolean quiet = opts.flag("quiet");
 * List<String> headers = opts.strings("header");
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class ParsedOptions {

    private final Map<String, Object> values;
    private final Set<String> declared;
    private final Set<String> given;
    private final List<String> arguments;
    private final boolean helpRequested;

    ParsedOptions(Map<String, Object> values, Set<String> declared, Set<String> given, List<String> arguments,
            boolean helpRequested) {
        this.values = Map.copyOf(values);
        this.declared = Set.copyOf(declared);
        this.given = Set.copyOf(given);
        this.arguments = List.copyOf(arguments);
        this.helpRequested = helpRequested;
    }

    /** Returns whether {@code --help} or {@code -h} was given. */
    public boolean helpRequested() {
        return helpRequested;
    }

    /** Returns the positional arguments, in order (after the first, everything, if parsing stopped there). */
    public List<String> arguments() {
        return arguments;
    }

    /**
     * Returns whether the command line gave the option (as opposed to its default applying).
     *
     * @param name the long name
     * @return true if it was given at least once
     */
    public boolean isGiven(String name) {
        return given.contains(name);
    }

    /**
     * Returns an option's value, converted, or null if it was not given and has no default.
     *
     * @param name the long name of a {@link Option.Kind#VALUE} option
     * @param type the type its converter produces
     * @param <T> that type
     * @return the value or null
     * @throws IllegalArgumentException if the spec has no such option
     * @throws ClassCastException if the value is not a {@code type}
     */
    public <T> @Nullable T get(String name, Class<T> type) {
        if (!declared.contains(name)) {
            throw new IllegalArgumentException("no option --" + name);
        }
        return type.cast(values.get(name));
    }

    /**
     * Returns a text option's value, or null if it was not given and has no default.
     *
     * @param name the long name
     * @return the value or null
     * @throws IllegalArgumentException if the spec has no such option
     */
    public @Nullable String string(String name) {
        return get(name, String.class);
    }

    /**
     * Returns a number option's value.
     *
     * @param name the long name of an option made with {@link Option#integer}
     * @return the value
     * @throws IllegalArgumentException if the spec has no such option, or it has no value and no default
     */
    public int integer(String name) {
        Integer value = get(name, Integer.class);
        if (value == null) {
            throw new IllegalArgumentException("option --" + name + " has no value");
        }
        return value;
    }

    /**
     * Returns whether a flag was given.
     *
     * @param name the long name of a flag
     * @return true if given
     * @throws IllegalArgumentException if the spec has no such option
     */
    public boolean flag(String name) {
        Boolean value = get(name, Boolean.class);
        return value != null && value;
    }

    /**
     * Returns every value of a repeatable option, in the order given (its default alone if never given).
     *
     * @param name the long name of a repeatable option
     * @return the values, possibly empty
     * @throws IllegalArgumentException if the spec has no such option
     */
    public List<String> strings(String name) {
        List<?> list = get(name, List.class);
        return list == null ? List.of() : list.stream().map(String::valueOf).toList();
    }
}
