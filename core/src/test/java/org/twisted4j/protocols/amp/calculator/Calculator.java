package org.twisted4j.protocols.amp.calculator;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.protocols.amp.AmpDecimal;
import org.twisted4j.protocols.amp.Arguments;
import org.twisted4j.protocols.amp.BoxDispatcher;
import org.twisted4j.protocols.amp.Command;
import org.twisted4j.protocols.amp.Schema;

/**
 * The commands of the AMP tests: Twisted's own example ({@code Sum}, {@code Divide} with
 * {@code ZeroDivisionError} as {@code ZERO_DIVISION}), {@code Everything} (one argument of each type, answered
 * with the same values), {@code Boom} (its responder fails in a way it does not declare), {@code Bye} (a fatal
 * error) and {@code Note} (no answer). The Python scripts of the interop tests declare the same.
 */
public final class Calculator {
    private Calculator() {
    }

    /** Python's {@code ZeroDivisionError}. */
    public static final class ZeroDivisionError extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        public ZeroDivisionError(String message) {
            super(message);
        }
    }

    /** A fatal error of {@code Bye}. */
    public static final class Goodbye extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Goodbye(String message) {
            super(message);
        }
    }

    public record Operands(long a, long b) {
    }

    public record Total(long total) {
    }

    public record Division(long numerator, long denominator) {
    }

    public record Quotient(double result) {
    }

    public record Pair(long a, String b) {
    }

    public record Nothing() {
    }

    public record Text(String text) {
    }

    /** One value of every argument type. */
    public record Everything(long integer, BigInteger big, double real, boolean flag, byte[] raw, String text,
            Path path, OffsetDateTime when, AmpDecimal decimal, List<Long> numbers, List<String> words,
            List<Pair> pairs, @Nullable String maybe) {
    }

    public static final Schema<Operands> OPERANDS = Schema.of(Operands.class).field("a", Arguments.integer())
            .field("b", Arguments.integer()).build();
    public static final Schema<Pair> PAIR = Schema.of(Pair.class).field("a", Arguments.integer())
            .field("b", Arguments.unicode()).build();
    public static final Schema<Everything> EVERYTHING_SCHEMA = Schema.of(Everything.class)
            .field("integer", Arguments.integer())
            .field("big", Arguments.bigInteger())
            .field("real", Arguments.float64())
            .field("flag", Arguments.bool())
            .field("raw", Arguments.bytes())
            .field("text", Arguments.unicode())
            .field("path", Arguments.path())
            .field("when", Arguments.dateTime())
            .field("decimal", Arguments.decimal())
            .field("numbers", Arguments.listOf(Arguments.integer()))
            .field("words", Arguments.listOf(Arguments.unicode()))
            .field("pairs", Arguments.ampList(PAIR))
            .optional("maybe", Arguments.unicode())
            .build();

    public static final Command<Operands, Total> SUM = Command.builder("Sum", OPERANDS,
            Schema.of(Total.class).field("total", Arguments.integer()).build()).build();

    public static final Command<Division, Quotient> DIVIDE = Command.builder("Divide",
            Schema.of(Division.class).field("numerator", Arguments.integer())
                    .field("denominator", Arguments.integer()).build(),
            Schema.of(Quotient.class).field("result", Arguments.float64()).build())
            .error(ZeroDivisionError.class, "ZERO_DIVISION", ZeroDivisionError::new)
            .build();

    public static final Command<Everything, Everything> EVERYTHING = Command.builder("Everything",
            EVERYTHING_SCHEMA, EVERYTHING_SCHEMA).build();

    public static final Command<Nothing, Nothing> BOOM = Command.builder("Boom", Schema.empty(Nothing.class),
            Schema.empty(Nothing.class)).build();

    public static final Command<Nothing, Nothing> BYE = Command.builder("Bye", Schema.empty(Nothing.class),
            Schema.empty(Nothing.class)).fatalError(Goodbye.class, "GOODBYE", Goodbye::new).build();

    public static final Command<Text, Nothing> NOTE = Command.builder("Note",
            Schema.of(Text.class).field("text", Arguments.unicode()).build(), Schema.empty(Nothing.class))
            .requiresAnswer(false).build();

    /** A command the peers do not answer. */
    public static final Command<Nothing, Nothing> NOPE = Command.builder("Nope", Schema.empty(Nothing.class),
            Schema.empty(Nothing.class)).build();

    /** The responders of a calculator server, as the Python one has them. */
    public static BoxDispatcher serve(BoxDispatcher dispatcher) {
        return dispatcher
                .respond(SUM, args -> new Total(args.a() + args.b()))
                .respond(DIVIDE, args -> {
                    if (args.denominator() == 0) {
                        throw new ZeroDivisionError("division by zero");
                    }
                    return new Quotient((double) args.numerator() / args.denominator());
                })
                .respond(EVERYTHING, args -> args)
                .respond(BOOM, args -> {
                    throw new IllegalStateException("secret detail");
                })
                .respond(BYE, args -> {
                    throw new Goodbye("bye now");
                });
    }

    /** A value of every type, awkward ones included. */
    public static Everything sample() {
        return new Everything(-42, BigInteger.TWO.pow(100).negate(), Double.NEGATIVE_INFINITY, true,
                new byte[] {0, (byte) 0xff, 'x'}, "h\u00e9llo \u2603", Path.of("/tmp/a b/\u00e9"),
                OffsetDateTime.parse("2012-01-23T12:34:56.054321+01:23"), AmpDecimal.parse("-1.50E+7"),
                List.of(3L, 7L, -9L), List.of("a", "", "\u00fc"), List.of(new Pair(7, "hello"), new Pair(9, "")),
                null);
    }
}
