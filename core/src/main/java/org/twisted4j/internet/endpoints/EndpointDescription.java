package org.twisted4j.internet.endpoints;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint description string taken apart: its type prefix, its positional arguments and its
 * {@code name=value} options, with the checks a parser needs to turn them into an endpoint and to say
 * precisely what is wrong when it cannot.
 *
 * <h2>Syntax</h2>
 * Twisted's: parts separated by {@code :}; the first part is the endpoint type; a part holding {@code =}
 * is an option named by what precedes its first {@code =} (later {@code =} belong to the value), any other
 * part is the next positional argument. A backslash makes the next character plain, so {@code \:},
 * {@code \=} and {@code \\} put a colon, an equals sign or a backslash into a value
 * ({@link Endpoints#quoteStringArgument} adds them). For example
 * {@code unix:C\:\\sock:mode=660} has type {@code unix}, positional {@code C:\sock} and option
 * {@code mode} = {@code 660}.
 *
 * <h2>For parsers</h2>
 * A {@link ServerEndpointParser} or {@link ClientEndpointParser} binds the arguments to its parameter names
 * with {@link #bind}, then converts each value with {@link #port}, {@link #nonNegativeInt},
 * {@link #seconds}, {@link #flag}, {@link #octal} or {@link #ipAddress}; every problem is an
 * {@link IllegalArgumentException} whose message names the bad part and quotes the whole description, such
 * as {@code port 'abc' in 'tcp:abc' is not a number}.
 * <pre>{@code
 * Map<String, String> args = description.bind("port", "interface", "backlog");
 * int port = description.port("port", description.required(args, "port"));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class EndpointDescription {

    private final String text;
    private final String prefix;
    private final List<String> positional;
    private final Map<String, String> options;

    private EndpointDescription(String text, String prefix, List<String> positional, Map<String, String> options) {
        this.text = text;
        this.prefix = prefix;
        this.positional = positional;
        this.options = options;
    }

    /**
     * Takes a description apart.
     *
     * @param text the description, such as {@code tcp:8080:interface=127.0.0.1}
     * @return the parts
     * @throws IllegalArgumentException if {@code text} is empty, ends in a lone backslash, does not start with
     *     an endpoint type, or gives an option twice
     */
    public static EndpointDescription parse(String text) {
        Objects.requireNonNull(text, "description");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty endpoint description");
        }
        List<List<String>> parts = split(text);
        List<String> first = parts.get(0);
        if (first.size() != 1 || first.get(0).isEmpty()) {
            throw new IllegalArgumentException("missing endpoint type in '" + text + "'");
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (List<String> part : parts.subList(1, parts.size())) {
            if (part.size() == 1) {
                positional.add(part.get(0));
            } else if (options.putIfAbsent(part.get(0), part.get(1)) != null) {
                throw new IllegalArgumentException("option '" + part.get(0) + "' given twice in '" + text + "'");
            }
        }
        return new EndpointDescription(text, first.get(0).toLowerCase(Locale.ROOT),
                List.copyOf(positional), Collections.unmodifiableMap(options));
    }

    /** Splits into parts of one element (positional) or two (name, value), undoing backslash escapes. */
    private static List<List<String>> split(String text) {
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>(2);
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (++i == text.length()) {
                    throw new IllegalArgumentException("trailing backslash in '" + text + "'");
                }
                current.append(text.charAt(i));
            } else if (c == ':') {
                part.add(current.toString());
                parts.add(part);
                part = new ArrayList<>(2);
                current.setLength(0);
            } else if (c == '=' && part.isEmpty()) {
                part.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        part.add(current.toString());
        parts.add(part);
        return parts;
    }

    /** Returns the whole description, as given. */
    public String text() {
        return text;
    }

    /**
     * Returns the description after its type and the colon that follows it, escapes kept, such as
     * {@code tcp:8080:interface=127.0.0.1} for {@code haproxy:tcp:8080:interface=127.0.0.1}; empty if there is
     * nothing after the type. Parsers of descriptions that hold another description parse this.
     */
    public String rest() {
        int end = typeEnd(text);
        return end == text.length() ? "" : text.substring(end + 1);
    }

    /** Returns where the type of {@code description} ends: at the first colon that no backslash escapes. */
    static int typeEnd(String description) {
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':') {
                return i;
            }
        }
        return description.length();
    }

    /** Returns the endpoint type, the first part, in lower case: {@code tcp}, {@code unix}... */
    public String prefix() {
        return prefix;
    }

    /** Returns the positional arguments, in order, after the endpoint type. */
    public List<String> positional() {
        return positional;
    }

    /** Returns the {@code name=value} options, in the order given. */
    public Map<String, String> options() {
        return options;
    }

    /**
     * Binds the arguments to parameter names, as a call binds a function's arguments: the positional
     * arguments fill the parameters in order, then each option fills the parameter of its name.
     *
     * @param parameters the endpoint type's parameter names, in positional order
     * @return the value of each parameter given, in parameter order
     * @throws IllegalArgumentException if there are more positional arguments than parameters, an option
     *     names no parameter, or a parameter is given both positionally and as an option
     */
    public Map<String, String> bind(String... parameters) {
        List<String> names = List.of(parameters);
        if (positional.size() > names.size()) {
            throw new IllegalArgumentException("too many arguments for " + prefix + " in '" + text + "'; it takes "
                    + String.join(", ", names));
        }
        Map<String, String> bound = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            bound.put(names.get(i), positional.get(i));
        }
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!names.contains(option.getKey())) {
                throw unknownOption(option.getKey(), names);
            }
            if (bound.putIfAbsent(option.getKey(), option.getValue()) != null) {
                throw error(option.getKey() + " given both by position and as an option");
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : names) {
            String value = bound.get(name);
            if (value != null) {
                ordered.put(name, value);
            }
        }
        return Collections.unmodifiableMap(ordered);
    }

    /**
     * Returns the error for an option the endpoint type does not know.
     *
     * @param name the option
     * @param known the options the endpoint type knows, for the message
     * @return the error, to throw
     */
    public IllegalArgumentException unknownOption(String name, List<String> known) {
        return new IllegalArgumentException("unknown option '" + name + "' for " + prefix + " in '" + text
                + "'; known: " + String.join(", ", known));
    }

    /**
     * Returns a bound parameter's value.
     *
     * @param bound the result of {@link #bind}
     * @param name the parameter
     * @return its value
     * @throws IllegalArgumentException if it was not given, or given empty
     */
    public String required(Map<String, String> bound, String name) {
        String value = bound.get(name);
        if (value == null || value.isEmpty()) {
            throw error("missing " + name);
        }
        return value;
    }

    /**
     * Reads a port number.
     *
     * @param name the parameter, for the message
     * @param value its text
     * @return the port
     * @throws IllegalArgumentException if {@code value} is empty, not a decimal number, or outside 0 to 65535
     */
    public int port(String name, String value) {
        long port = number(name, value);
        if (port > Checks.MAX_PORT) {
            throw invalid(name, value, "is out of range 0-" + Checks.MAX_PORT);
        }
        return (int) port;
    }

    /**
     * Reads a count, such as a backlog.
     *
     * @param name the parameter, for the message
     * @param value its text
     * @return the number
     * @throws IllegalArgumentException if {@code value} is empty, not a decimal number of digits, or too
     *     large for an {@code int}
     */
    public int nonNegativeInt(String name, String value) {
        long number = number(name, value);
        if (number > Integer.MAX_VALUE) {
            throw invalid(name, value, "is too large");
        }
        return (int) number;
    }

    /**
     * Reads a positive number of seconds, such as {@code 30} or {@code 2.5}.
     *
     * @param name the parameter, for the message
     * @param value its text
     * @return the seconds
     * @throws IllegalArgumentException if {@code value} is not a positive decimal number
     */
    public double seconds(String name, String value) {
        if (!value.matches("\\d+(\\.\\d*)?|\\.\\d+")) {
            throw invalid(name, value, "is not a number of seconds");
        }
        double seconds = Double.parseDouble(value);
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw invalid(name, value, "must be more than 0 seconds");
        }
        return seconds;
    }

    /**
     * Reads a flag given as {@code 0} or {@code 1}.
     *
     * @param name the parameter, for the message
     * @param value its text
     * @return whether it is {@code 1}
     * @throws IllegalArgumentException if {@code value} is neither
     */
    public boolean flag(String name, String value) {
        return switch (value) {
            case "0" -> false;
            case "1" -> true;
            default -> throw invalid(name, value, "must be 0 or 1");
        };
    }

    /**
     * Reads file permission bits in octal, such as {@code 660}.
     *
     * @param name the parameter, for the message
     * @param value its text
     * @return the bits
     * @throws IllegalArgumentException if {@code value} is not an octal number from 0 to 7777
     */
    public int octal(String name, String value) {
        if (!value.matches("[0-7]{1,5}") || Integer.parseInt(value, 8) > 07777) {
            throw invalid(name, value, "is not an octal mode from 0 to 7777");
        }
        return Integer.parseInt(value, 8);
    }

    /**
     * Reads an IP address literal, without any lookup, as a local address with any port.
     *
     * @param name the parameter, for the message
     * @param value its text, such as {@code 192.0.2.7} or {@code ::1}
     * @return the socket address, port 0
     * @throws IllegalArgumentException if {@code value} is not an IPv4 or IPv6 literal
     */
    public InetSocketAddress ipAddress(String name, String value) {
        InetAddress address = IpLiterals.parse(value);
        if (address == null) {
            throw invalid(name, value, "is not an IP address");
        }
        return new InetSocketAddress(address, 0);
    }

    /**
     * Returns the reactor as the interface an endpoint type needs.
     *
     * @param reactor the reactor given to the parser
     * @param type the interface, such as {@code ReactorTCP.class}
     * @param <T> the interface
     * @return the reactor
     * @throws IllegalArgumentException if the reactor does not implement {@code type}
     */
    public <T> T reactorAs(Object reactor, Class<T> type) {
        if (!type.isInstance(reactor)) {
            throw error("the reactor " + reactor + " is not a " + type.getSimpleName() + ", which " + prefix
                    + " endpoints need");
        }
        return type.cast(reactor);
    }

    /**
     * Returns an error about this description: {@code problem} followed by the quoted description.
     *
     * @param problem what is wrong, naming the part, such as {@code "missing port"}
     * @return the error, to throw
     */
    public IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " in '" + text + "'");
    }

    /**
     * Returns an error about one value: {@code "NAME 'VALUE' in 'DESCRIPTION' PROBLEM"}, such as
     * {@code port 'abc' in 'tcp:abc' is not a number}.
     *
     * @param name the parameter
     * @param value its text
     * @param problem what is wrong with it, such as {@code "is not a number"}
     * @return the error, to throw
     */
    public IllegalArgumentException invalid(String name, String value, String problem) {
        return new IllegalArgumentException(name + " '" + value + "' in '" + text + "' " + problem);
    }

    private long number(String name, String value) {
        if (value.isEmpty()) {
            throw error("missing " + name);
        }
        if (!value.matches("\\d+")) {
            throw invalid(name, value, "is not a number");
        }
        if (value.length() > 10) {
            throw invalid(name, value, "is too large");
        }
        return Long.parseLong(value);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EndpointDescription that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "EndpointDescription[" + prefix + ", " + positional + ", " + options + "]";
    }
}
