package org.twisted4j.cred;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.UsageError;

/**
 * Twisted's {@code AuthOptionMixin} for an {@link Options} spec: {@code --auth TYPE[:ARGUMENT]} (repeatable, one
 * checker each), {@code --help-auth} (the types) and {@code --help-auth-type=TYPE} (one type in detail).
 *
 * <pre>{@code
 * AuthOptions auth = new AuthOptions(Set.of(UsernamePassword.class));   // what the server can check
 * Options spec = auth.addTo(new Options("myserver [options]"));
 * ParsedOptions opts = spec.parse(args);
 * Optional<String> help = auth.help(opts);              // print it and exit when present
 * List<CredentialsChecker> checkers = auth.checkers(opts);   // UsageError names the bad --auth
 * Portal portal = new Portal(realm, checkers.toArray(CredentialsChecker[]::new));
 * }</pre>
 *
 * <h2>Errors</h2>
 * {@link #checkers} throws {@link UsageError} naming the {@code --auth} value and the part that is wrong: an
 * unknown type (listing the known ones), an argument the type refuses (with its expected format), or a type whose
 * checkers take none of the server's credential kinds.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class AuthOptions {

    private final Set<Class<? extends Credentials>> supported;

    /** Accepts every type. */
    public AuthOptions() {
        this(Set.of());
    }

    /**
     * Accepts the types whose checkers take at least one of these kinds of credentials.
     *
     * @param supportedInterfaces what the server can offer the portal; empty for any
     */
    public AuthOptions(Set<Class<? extends Credentials>> supportedInterfaces) {
        this.supported = Set.copyOf(supportedInterfaces);
    }

    /**
     * Adds {@code --auth}, {@code --help-auth} and {@code --help-auth-type} to a spec.
     *
     * @return the spec
     */
    public Options addTo(Options spec) {
        return spec.add(Option.repeatable("auth").metavar("TYPE[:ARGUMENT]")
                        .help("a way to check users' credentials, one of: " + String.join(", ", supportedTypes())
                                + "; see --help-auth"))
                .add(Option.flag("help-auth").help("show the --auth types and exit"))
                .add(Option.value("help-auth-type").metavar("TYPE").help("show how to use one --auth type and exit"));
    }

    /**
     * Returns the help text asked for with {@code --help-auth} or {@code --help-auth-type}, if either was given.
     *
     * @throws UsageError if {@code --help-auth-type} names an unknown type
     */
    public Optional<String> help(ParsedOptions options) {
        String type = options.string("help-auth-type");
        if (type != null) {
            CheckerFactory factory;
            try {
                factory = StrCred.findCheckerFactory(type);
            } catch (InvalidAuthType e) {
                throw new UsageError("--help-auth-type: " + e.getMessage());
            }
            return Optional.of(typeHelp(factory));
        }
        if (options.flag("help-auth")) {
            return Optional.of(typesHelp());
        }
        return Optional.empty();
    }

    /**
     * Makes the checkers of every {@code --auth}, in order.
     *
     * @throws UsageError if one is unknown, malformed or unsupported; the message quotes it
     */
    public List<CredentialsChecker> checkers(ParsedOptions options) {
        List<CredentialsChecker> checkers = new ArrayList<>();
        for (String description : options.strings("auth")) {
            checkers.add(checker(description));
        }
        return checkers;
    }

    /**
     * Makes one checker, as {@code --auth description} does.
     *
     * @throws UsageError if the description is unknown, malformed or unsupported
     */
    public CredentialsChecker checker(String description) {
        int colon = description.indexOf(':');
        String type = colon < 0 ? description : description.substring(0, colon);
        CheckerFactory factory;
        try {
            factory = StrCred.findCheckerFactory(type);
        } catch (InvalidAuthType e) {
            throw new UsageError("--auth " + redact(description) + ": " + e.getMessage());
        }
        if (!supports(factory)) {
            throw new UsageError("--auth " + redact(description) + ": auth type '" + type
                    + "' is not supported here (supported: " + String.join(", ", supportedTypes()) + ")");
        }
        try {
            return factory.generateChecker(colon < 0 ? "" : description.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--auth " + redact(description) + ": " + e.getMessage() + " (expected: "
                    + factory.argStringFormat() + ")");
        }
    }

    /** The help of {@code --help-auth}: each type with the first sentence of its help. */
    String typesHelp() {
        StringBuilder out = new StringBuilder("Available types for --auth:\n");
        List<CheckerFactory> factories = new ArrayList<>(StrCred.findCheckerFactories());
        factories.removeIf(f -> !supports(f));
        factories.sort(Comparator.comparing(CheckerFactory::authType));
        for (CheckerFactory f : factories) {
            out.append(String.format("  %-12s%s%n", f.authType(), f.authHelp()));
        }
        return out.append("Use --help-auth-type=TYPE for how to use one.\n").toString();
    }

    private static String typeHelp(CheckerFactory factory) {
        List<String> kinds = new ArrayList<>();
        for (Class<?> kind : factory.credentialInterfaces()) {
            kinds.add(kind.getSimpleName());
        }
        kinds.sort(null);
        return "Usage: --auth " + factory.authType() + (factory.argStringFormat().startsWith("No argument")
                ? "" : ":ARGUMENT") + "\n" + factory.authHelp() + "\nArgument: " + factory.argStringFormat()
                + "\nChecks credentials of kinds: " + String.join(", ", kinds) + "\n";
    }

    private boolean supports(CheckerFactory factory) {
        return supported.isEmpty() || factory.credentialInterfaces().stream().anyMatch(supported::contains);
    }

    private List<String> supportedTypes() {
        List<String> types = new ArrayList<>();
        for (CheckerFactory f : StrCred.findCheckerFactories()) {
            if (supports(f)) {
                types.add(f.authType());
            }
        }
        types.sort(null);
        return types;
    }

    /** The description with memory passwords hidden, for error messages. */
    static String redact(String description) {
        if (!description.startsWith("memory:")) {
            return "'" + description + "'";
        }
        String[] parts = description.substring("memory:".length()).split(":", -1);
        StringBuilder out = new StringBuilder("'memory");
        for (int i = 0; i < parts.length; i++) {
            out.append(':').append(i % 2 == 0 ? parts[i] : "***");
        }
        return out.append('\'').toString();
    }
}
