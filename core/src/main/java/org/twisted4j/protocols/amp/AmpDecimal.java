package org.twisted4j.protocols.amp;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A decimal number as Python's {@code decimal.Decimal} holds it, for {@link Arguments#decimal()}: a finite
 * {@link BigDecimal} with its sign (so that {@code -0} and {@code -0.00} survive), or one of the special values
 * infinity, quiet NaN ({@code NaN}) and signalling NaN ({@code sNaN}), each with a sign.
 *
 * <p>Its text is Python's {@code str()} of the same decimal, which is also the General Decimal Arithmetic
 * specification's to-scientific-string: {@code 1}, {@code 1.0}, {@code 1E+2}, {@code 1E-7}, {@code -Infinity},
 * {@code NaN}, {@code -sNaN}. NaNs with a diagnostic payload ({@code NaN123}) are not supported.
 *
 * <p>Immutable; any thread.
 */
public final class AmpDecimal {
    /** Which kind of number. */
    public enum Kind {
        /** A finite number. */
        FINITE,
        /** Infinity. */
        INFINITY,
        /** A quiet NaN. */
        NAN,
        /** A signalling NaN. */
        SIGNALING_NAN
    }

    /** Positive infinity: {@code Infinity}. */
    public static final AmpDecimal INFINITY = new AmpDecimal(Kind.INFINITY, false, null);
    /** Negative infinity: {@code -Infinity}. */
    public static final AmpDecimal NEGATIVE_INFINITY = new AmpDecimal(Kind.INFINITY, true, null);
    /** The quiet NaN: {@code NaN}. */
    public static final AmpDecimal NAN = new AmpDecimal(Kind.NAN, false, null);

    private final Kind kind;
    private final boolean negative;
    private final @Nullable BigDecimal magnitude;

    private AmpDecimal(Kind kind, boolean negative, @Nullable BigDecimal magnitude) {
        this.kind = kind;
        this.negative = negative;
        this.magnitude = magnitude;
    }

    /** The finite number {@code value} (its scale kept: {@code 1.0} is not {@code 1}). */
    public static AmpDecimal of(BigDecimal value) {
        return new AmpDecimal(Kind.FINITE, value.signum() < 0, value.abs());
    }

    /** A special value with a sign; for {@link Kind#FINITE} use {@link #of}. */
    public static AmpDecimal special(Kind kind, boolean negative) {
        if (kind == Kind.FINITE) {
            throw new IllegalArgumentException("a finite decimal is made with AmpDecimal.of");
        }
        return new AmpDecimal(kind, negative, null);
    }

    /**
     * Reads Python's text of a decimal: what {@code decimal.Decimal(text)} accepts, less underscores and NaN
     * payloads (surrounding spaces are allowed; case is ignored in {@code Infinity}, {@code Inf}, {@code NaN},
     * {@code sNaN} and the exponent's {@code E}).
     *
     * @throws NumberFormatException if it is not one
     */
    public static AmpDecimal parse(String text) {
        String body = text.strip();
        boolean negative = body.startsWith("-");
        String unsigned = negative || body.startsWith("+") ? body.substring(1) : body;
        switch (unsigned.toLowerCase(Locale.ROOT)) {
            case "inf", "infinity" -> {
                return special(Kind.INFINITY, negative);
            }
            case "nan" -> {
                return special(Kind.NAN, negative);
            }
            case "snan" -> {
                return special(Kind.SIGNALING_NAN, negative);
            }
            default -> {
            }
        }
        if (!unsigned.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new NumberFormatException("not a decimal: " + text);
        }
        return new AmpDecimal(Kind.FINITE, negative, new BigDecimal(unsigned));
    }

    /** Which kind of number it is. */
    public Kind kind() {
        return kind;
    }

    /** Whether its sign is negative (also for {@code -0}, {@code -Infinity} and {@code -NaN}). */
    public boolean isNegative() {
        return negative;
    }

    /**
     * Returns the finite value (a negative zero as zero).
     *
     * @throws ArithmeticException if it is infinite or a NaN
     */
    public BigDecimal toBigDecimal() {
        BigDecimal value = magnitude;
        if (value == null) {
            throw new ArithmeticException(this + " has no BigDecimal value");
        }
        return negative ? value.negate() : value;
    }

    /** Python's {@code str()} of the same decimal: its wire form. */
    @Override
    public String toString() {
        String sign = negative ? "-" : "";
        return sign + switch (kind) {
            case FINITE -> Objects.requireNonNull(magnitude).toString();
            case INFINITY -> "Infinity";
            case NAN -> "NaN";
            case SIGNALING_NAN -> "sNaN";
        };
    }

    /** Equal when the text is equal: same kind, sign, digits and exponent ({@code 1.0} is not {@code 1}). */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof AmpDecimal decimal && decimal.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
