package org.twisted4j.protocols.amp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One AMP command as Java types, as a subclass of Twisted's {@code amp.Command} declares it: its name, the
 * {@link Schema} of its arguments and of its response, the errors its responder may raise with their codes, and
 * whether it expects an answer.
 *
 * <pre>{@code
 * record Operands(long a, long b) {}
 * record Total(long total) {}
 * static final Command<Operands, Total> SUM = Command.builder("Sum",
 *                 Schema.of(Operands.class).field("a", Arguments.integer()).field("b", Arguments.integer()).build(),
 *                 Schema.of(Total.class).field("total", Arguments.integer()).build())
 *         .build();
 * static final Command<Operands, Quotient> DIVIDE = Command.builder("Divide", OPERANDS, QUOTIENT)
 *         .error(ArithmeticException.class, "ZERO_DIVISION", ArithmeticException::new)
 *         .build();
 * }</pre>
 *
 * <h2>Errors</h2>
 * A responder that throws a declared error (or a subclass of one; the first declared that matches wins) is
 * answered with its code and the exception's message as description; the caller's Deferred then fails with the
 * declared class, made from that description. A fatal error does the same and closes the connection after the
 * answer. Anything else a responder throws is answered {@code UNKNOWN}.
 *
 * <p>Immutable; any thread.
 *
 * @param <A> the arguments record
 * @param <R> the response record
 */
public final class Command<A extends Record, R extends Record> {
    /** What a successful answer does to the connection. */
    enum Switch {
        /** Nothing: AMP goes on. */
        NONE,
        /** Both sides start TLS, as after Twisted's {@code StartTLS}. */
        TLS,
        /** Both sides hand the connection to another protocol, as after a {@code ProtocolSwitchCommand}. */
        PROTOCOL
    }

    /** The local component of a TLS command's arguments and response: its {@code TlsOptions}. */
    static final String TLS_COMPONENT = "tls";
    /** The local component of a protocol switch's arguments and response: its {@code Factory}. */
    static final String FACTORY_COMPONENT = "factory";

    private record Declared(String code, Function<String, ? extends Throwable> make, boolean fatal) {
    }

    private final String name;
    private final Schema<A> arguments;
    private final Schema<R> response;
    private final Map<Class<? extends Throwable>, Declared> errors;
    private final boolean requiresAnswer;
    private final Switch switching;
    private final Class<?>[] order;

    private Command(Builder<A, R> builder) {
        this.name = builder.name;
        this.arguments = builder.arguments;
        this.response = builder.response;
        this.errors = Map.copyOf(builder.errors);
        this.requiresAnswer = builder.requiresAnswer;
        this.switching = builder.switching;
        this.order = builder.errors.keySet().toArray(new Class<?>[0]);
    }

    /**
     * Starts a command.
     *
     * @param name its name on the wire (Twisted's default is the command class's name)
     * @param arguments its arguments
     * @param response its response
     */
    public static <A extends Record, R extends Record> Builder<A, R> builder(String name, Schema<A> arguments,
            Schema<R> response) {
        return new Builder<>(name, arguments, response);
    }

    /** Its name on the wire. */
    public String name() {
        return name;
    }

    /** Its arguments. */
    public Schema<A> arguments() {
        return arguments;
    }

    /** Its response. */
    public Schema<R> response() {
        return response;
    }

    /** Whether a caller asks for an answer ({@code _ask}); without, a call's Deferred fires with null when sent. */
    public boolean requiresAnswer() {
        return requiresAnswer;
    }

    /** What a successful answer does to the connection. */
    Switch switching() {
        return switching;
    }

    /** Whether a successful answer starts TLS, as Twisted's {@code StartTLS}; see {@link Builder#startsTls()}. */
    public boolean startsTls() {
        return switching == Switch.TLS;
    }

    /**
     * Whether a successful answer hands the connection to another protocol, as Twisted's
     * {@code ProtocolSwitchCommand}; see {@link Builder#switchesProtocol()}.
     */
    public boolean switchesProtocol() {
        return switching == Switch.PROTOCOL;
    }

    /** The code declared for {@code error} (or a superclass of it), or null if none is. */
    public @Nullable String errorCode(Throwable error) {
        Declared declared = declared(error);
        return declared == null ? null : declared.code;
    }

    /** Whether {@code error} is declared fatal. */
    public boolean isFatal(Throwable error) {
        Declared declared = declared(error);
        return declared != null && declared.fatal;
    }

    private @Nullable Declared declared(Throwable error) {
        for (Class<?> type : order) {
            if (type.isInstance(error)) {
                return errors.get(type);
            }
        }
        return null;
    }

    /** The exception the caller sees for an error answer with {@code code}: the declared one, or null if none. */
    @Nullable Throwable errorFor(String code, String description) {
        for (Class<?> type : order) {
            Declared declared = Objects.requireNonNull(errors.get(type));
            if (declared.code.equals(code)) {
                return declared.make.apply(description);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Command(" + name + ")";
    }

    /**
     * Declares a {@link Command}. Not thread-safe; for one thread while it is built.
     *
     * @param <A> the arguments record
     * @param <R> the response record
     */
    public static final class Builder<A extends Record, R extends Record> {
        private final String name;
        private final Schema<A> arguments;
        private final Schema<R> response;
        private final LinkedHashMap<Class<? extends Throwable>, Declared> errors = new LinkedHashMap<>();
        private boolean requiresAnswer = true;
        private Switch switching = Switch.NONE;

        private Builder(String name, Schema<A> arguments, Schema<R> response) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a command needs a name");
            }
            this.name = name;
            this.arguments = Objects.requireNonNull(arguments, "arguments");
            this.response = Objects.requireNonNull(response, "response");
        }

        /**
         * Declares an error, as an entry of Twisted's {@code errors}.
         *
         * @param type the exception class a responder throws (its subclasses match too)
         * @param code its code on the wire
         * @param make makes the exception a caller sees from the description the peer sent
         */
        public <E extends Throwable> Builder<A, R> error(Class<E> type, String code,
                Function<String, ? extends E> make) {
            return declare(type, code, make, false);
        }

        /** Declares a fatal error, as an entry of Twisted's {@code fatalErrors}: answered, then the connection closes. */
        public <E extends Throwable> Builder<A, R> fatalError(Class<E> type, String code,
                Function<String, ? extends E> make) {
            return declare(type, code, make, true);
        }

        private Builder<A, R> declare(Class<? extends Throwable> type, String code,
                Function<String, ? extends Throwable> make, boolean fatal) {
            if (code.isEmpty()) {
                throw new IllegalArgumentException("an error code cannot be empty");
            }
            errors.put(Objects.requireNonNull(type, "type"), new Declared(code, Objects.requireNonNull(make), fatal));
            return this;
        }

        /** Whether callers ask for an answer (true by default), as Twisted's {@code requiresAnswer}. */
        public Builder<A, R> requiresAnswer(boolean requiresAnswer) {
            this.requiresAnswer = requiresAnswer;
            return this;
        }

        /**
         * Makes it a command that starts TLS, as Twisted's {@code StartTLS} and its subclasses: {@link AMP} starts
         * TLS on the responder's side right after writing a successful answer, and on the caller's side right after
         * reading it; boxes the caller sends meanwhile wait and go out over TLS. Its arguments and its response
         * must each have a {@link Schema.Builder#local local} component {@code tls} holding a
         * {@link org.twisted4j.internet.ssl.TlsOptions}: the caller's options in the arguments (Twisted's
         * {@code tls_localCertificate} and {@code tls_verifyAuthorities}), the responder's in the response. Neither
         * goes on the wire. {@link StartTLS#COMMAND} is Twisted's own.
         *
         * @throws IllegalArgumentException if a schema lacks the {@code tls} component
         */
        public Builder<A, R> startsTls() {
            requireLocal(TLS_COMPONENT, org.twisted4j.internet.ssl.TlsOptions.class);
            switching = Switch.TLS;
            return this;
        }

        /**
         * Makes it a command that switches protocols, as Twisted's {@code ProtocolSwitchCommand}: after a
         * successful answer, {@link AMP} hands the connection to a protocol built by a factory on each side (the
         * caller's right after reading the answer, the responder's right after writing it), and bytes that came
         * after the answer go to that protocol. A failed answer leaves AMP running. Its arguments and its response
         * must each have a {@link Schema.Builder#local local} component {@code factory} holding a
         * {@link org.twisted4j.internet.Factory}: the caller's in the arguments, the responder's in the response.
         *
         * @throws IllegalArgumentException if a schema lacks the {@code factory} component
         */
        public Builder<A, R> switchesProtocol() {
            requireLocal(FACTORY_COMPONENT, org.twisted4j.internet.Factory.class);
            switching = Switch.PROTOCOL;
            return this;
        }

        private void requireLocal(String component, Class<?> type) {
            if (!arguments.hasLocal(component, type) || !response.hasLocal(component, type)) {
                throw new IllegalArgumentException("the arguments and response of " + name
                        + " each need a local component " + component + " of type " + type.getName());
            }
        }

        /** Returns the command. */
        public Command<A, R> build() {
            return new Command<>(this);
        }
    }
}
