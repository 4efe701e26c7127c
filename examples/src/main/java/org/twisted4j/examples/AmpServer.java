package org.twisted4j.examples;

import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.protocols.amp.AMP;
import org.twisted4j.protocols.amp.Arguments;
import org.twisted4j.protocols.amp.Command;
import org.twisted4j.protocols.amp.Schema;

/**
 * An AMP server that does arithmetic, as Twisted's {@code ampserver.py}: {@code Sum(a, b)} answers
 * {@code total}, and {@code Divide(numerator, denominator)} answers {@code result}, or the declared error
 * {@code ZERO_DIVISION} when the denominator is 0. The commands are declared here, and {@link AmpClient} uses
 * them, as Twisted's client imports them from the server's module; Python's {@code ampclient.py} can call it.
 *
 * <pre>
 * bin/run-example amp-server [ENDPOINT]      # tcp:8000 when not given
 * </pre>
 */
public final class AmpServer {

    /** Python's {@code ZeroDivisionError}: what {@code Divide} by 0 fails with, sent as {@code ZERO_DIVISION}. */
    public static final class ZeroDivisionError extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        /**
         * Makes one.
         *
         * @param message what went wrong, sent to the caller as the error's description
         */
        public ZeroDivisionError(String message) {
            super(message);
        }
    }

    /**
     * The arguments of {@code Sum}.
     *
     * @param a the first term
     * @param b the second term
     */
    public record Terms(long a, long b) {
    }

    /**
     * The response of {@code Sum}.
     *
     * @param total their sum
     */
    public record Total(long total) {
    }

    /**
     * The arguments of {@code Divide}.
     *
     * @param numerator what is divided
     * @param denominator what it is divided by
     */
    public record Division(long numerator, long denominator) {
    }

    /**
     * The response of {@code Divide}.
     *
     * @param result the quotient, as a float
     */
    public record Quotient(double result) {
    }

    /** {@code Sum(a: Integer, b: Integer) -> total: Integer}. */
    public static final Command<Terms, Total> SUM = Command.builder("Sum",
            Schema.of(Terms.class).field("a", Arguments.integer()).field("b", Arguments.integer()).build(),
            Schema.of(Total.class).field("total", Arguments.integer()).build()).build();

    /** {@code Divide(numerator: Integer, denominator: Integer) -> result: Float}, {@code ZERO_DIVISION} on 0. */
    public static final Command<Division, Quotient> DIVIDE = Command.builder("Divide",
            Schema.of(Division.class).field("numerator", Arguments.integer())
                    .field("denominator", Arguments.integer()).build(),
            Schema.of(Quotient.class).field("result", Arguments.float64()).build())
            .error(ZeroDivisionError.class, "ZERO_DIVISION", ZeroDivisionError::new)
            .build();

    private AmpServer() {
    }

    /** Returns one connection's protocol: an {@link AMP} answering {@link #SUM} and {@link #DIVIDE}. */
    public static AMP math() {
        return new AMP()
                .respond(SUM, terms -> new Total(terms.a() + terms.b()))
                .respond(DIVIDE, division -> {
                    if (division.denominator() == 0) {
                        throw new ZeroDivisionError("division by zero");
                    }
                    return new Quotient((double) division.numerator() / division.denominator());
                });
    }

    /** Returns a factory of {@link #math()} protocols. */
    public static Factory factory() {
        return Factory.forProtocol(AmpServer::math);
    }

    /**
     * Listens on the endpoint {@code description} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description) {
        return ExampleMain.listen(reactor, "amp-server", description, factory());
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, an endpoint description
     */
    public static void main(String[] args) {
        ExampleMain.serve("amp-server", args, ExampleMain.DEFAULT_SERVER, AmpServer::start);
    }
}
