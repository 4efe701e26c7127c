package org.twisted4j.protocols.amp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The argument types of Twisted's {@code amp} module, each with the same encoding as its namesake, so that a
 * Twisted peer reads what these write and the other way round.
 *
 * <table>
 *   <caption>Types and encodings</caption>
 *   <tr><th>here</th><th>Twisted</th><th>Java value</th><th>wire form</th></tr>
 *   <tr><td>{@link #integer()}, {@link #bigInteger()}</td><td>{@code Integer}</td><td>{@code Long},
 *       {@code BigInteger}</td><td>decimal digits: {@code -42}</td></tr>
 *   <tr><td>{@link #float64()}</td><td>{@code Float}</td><td>{@code Double}</td><td>Python's {@code repr}:
 *       {@code 0.1}, {@code 1e+16}, {@code inf}, {@code -inf}, {@code nan}</td></tr>
 *   <tr><td>{@link #bool()}</td><td>{@code Boolean}</td><td>{@code Boolean}</td><td>{@code True},
 *       {@code False}</td></tr>
 *   <tr><td>{@link #string()}, {@link #bytes()}</td><td>{@code String}</td><td>{@code byte[]}</td><td>the
 *       bytes</td></tr>
 *   <tr><td>{@link #unicode()}</td><td>{@code Unicode}</td><td>{@code String}</td><td>UTF-8</td></tr>
 *   <tr><td>{@link #path()}</td><td>{@code Path}</td><td>{@code java.nio.file.Path}</td><td>the absolute path
 *       in UTF-8</td></tr>
 *   <tr><td>{@link #dateTime()}</td><td>{@code DateTime}</td><td>{@code OffsetDateTime}</td><td>32 characters:
 *       {@code 2012-01-23T12:34:56.054321+01:23}</td></tr>
 *   <tr><td>{@link #decimal()}</td><td>{@code Decimal}</td><td>{@link AmpDecimal}</td><td>Python's
 *       {@code str()}: {@code 1.5E+2}, {@code -Infinity}, {@code NaN}</td></tr>
 *   <tr><td>{@link #listOf}</td><td>{@code ListOf}</td><td>{@code List}</td><td>each element's bytes after
 *       their 16-bit length</td></tr>
 *   <tr><td>{@link #ampList}</td><td>{@code AmpList}</td><td>{@code List} of records</td><td>one box per
 *       element</td></tr>
 * </table>
 *
 * <p>Twisted 22 has no separate {@code Bytes} argument: {@link #bytes()} is {@link #string()} under the name
 * Java users look for. The whole value of any argument is limited to 65535 bytes, as every box value is.
 *
 * <p>Every argument returned is immutable and usable from any thread.
 */
public final class Arguments {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{6})([+-])(\\d\\d):(\\d\\d)");

    private Arguments() {
    }

    private record Simple<T>(String name, Class<T> type, Function<T, byte[]> writer, Function<byte[], T> reader)
            implements Argument<T> {
        @Override
        public byte[] toBytes(T value) {
            return writer.apply(value);
        }

        @Override
        public T fromBytes(byte[] bytes) {
            return reader.apply(bytes);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Argument<Long> INTEGER_ARGUMENT = new Simple<>("Integer", Long.class,
            value -> Long.toString(value).getBytes(US_ASCII), bytes -> Long.parseLong(integerText(bytes)));
    private static final Argument<BigInteger> BIG_INTEGER_ARGUMENT = new Simple<>("Integer", BigInteger.class,
            value -> value.toString().getBytes(US_ASCII), bytes -> new BigInteger(integerText(bytes)));
    private static final Argument<Double> FLOAT_ARGUMENT = new Simple<>("Float", Double.class,
            value -> pythonRepr(value).getBytes(US_ASCII), bytes -> parsePythonFloat(ascii(bytes)));
    private static final Argument<Boolean> BOOLEAN_ARGUMENT = new Simple<>("Boolean", Boolean.class,
            value -> (value ? "True" : "False").getBytes(US_ASCII), Arguments::parseBoolean);
    private static final Argument<byte[]> STRING_ARGUMENT = new Simple<>("String", byte[].class,
            byte[]::clone, byte[]::clone);
    private static final Argument<String> UNICODE_ARGUMENT = new Simple<>("Unicode", String.class,
            value -> value.getBytes(UTF_8), Arguments::utf8);
    private static final Argument<Path> PATH_ARGUMENT = new Simple<>("Path", Path.class,
            value -> value.toAbsolutePath().toString().getBytes(UTF_8),
            bytes -> Path.of(utf8(bytes)).toAbsolutePath());
    private static final Argument<OffsetDateTime> DATE_TIME_ARGUMENT = new Simple<>("DateTime",
            OffsetDateTime.class, value -> formatDateTime(value).getBytes(US_ASCII),
            bytes -> parseDateTime(ascii(bytes)));
    private static final Argument<AmpDecimal> DECIMAL_ARGUMENT = new Simple<>("Decimal", AmpDecimal.class,
            value -> value.toString().getBytes(US_ASCII), bytes -> AmpDecimal.parse(ascii(bytes)));

    /**
     * Twisted's {@code Descriptor}, which passes an open file descriptor over a UNIX socket: not available, because
     * Java's sockets cannot pass descriptors ({@code SCM_RIGHTS}) without native code; see the package
     * documentation.
     *
     * @throws UnsupportedOperationException always
     */
    public static Argument<Integer> descriptor() {
        throw new UnsupportedOperationException("AMP's Descriptor argument is not available: Java's sockets cannot"
                + " pass file descriptors (SCM_RIGHTS) without native code");
    }

    /** Twisted's {@code Integer} as a {@code Long}: reading a number outside its range is an error. */
    public static Argument<Long> integer() {
        return INTEGER_ARGUMENT;
    }

    /** Twisted's {@code Integer} at any size, as a {@code BigInteger}. */
    public static Argument<BigInteger> bigInteger() {
        return BIG_INTEGER_ARGUMENT;
    }

    /**
     * Twisted's {@code Float}: Python's {@code repr} of the double ({@code inf}, {@code -inf}, {@code nan} for
     * the special values); reads what Python's {@code float()} reads, less underscores and hexadecimal.
     */
    public static Argument<Double> float64() {
        return FLOAT_ARGUMENT;
    }

    /** Twisted's {@code Boolean}: exactly {@code True} or {@code False}. */
    public static Argument<Boolean> bool() {
        return BOOLEAN_ARGUMENT;
    }

    /** Twisted's {@code String}: the bytes as they are (copied both ways). */
    public static Argument<byte[]> string() {
        return STRING_ARGUMENT;
    }

    /** The same as {@link #string()}: Twisted has no other bytes argument. */
    public static Argument<byte[]> bytes() {
        return STRING_ARGUMENT;
    }

    /** Twisted's {@code Unicode}: UTF-8, strictly decoded (malformed bytes are an error). */
    public static Argument<String> unicode() {
        return UNICODE_ARGUMENT;
    }

    /**
     * Twisted's {@code Path}: the path made absolute (as Twisted's {@code FilePath} is), in UTF-8; read back
     * absolute against this process's working directory.
     */
    public static Argument<Path> path() {
        return PATH_ARGUMENT;
    }

    /**
     * Twisted's {@code DateTime}: {@code YYYY-MM-DDTHH:MM:SS.ffffff±HH:MM}, always 32 characters, years 1 to
     * 9999, microseconds (finer parts are dropped), and the offset in whole minutes; like Twisted, a zero
     * offset is written {@code -00:00}.
     */
    public static Argument<OffsetDateTime> dateTime() {
        return DATE_TIME_ARGUMENT;
    }

    /** Twisted's {@code Decimal}: Python's {@code str()} of the decimal, special values included. */
    public static Argument<AmpDecimal> decimal() {
        return DECIMAL_ARGUMENT;
    }

    /**
     * Twisted's {@code ListOf}: each element written by {@code element}, after its length in 16 bits.
     *
     * @throws NullPointerException if {@code element} is null
     */
    public static <E> Argument<List<E>> listOf(Argument<E> element) {
        return new ListOf<>(element);
    }

    /** Twisted's {@code AmpList}: each element as one box of {@code schema}'s keys, the boxes one after another. */
    public static <R extends Record> Argument<List<R>> ampList(Schema<R> schema) {
        return new AmpList<>(schema);
    }

    private record ListOf<E>(Argument<E> element) implements Argument<List<E>> {
        @Override
        public Class<?> type() {
            return List.class;
        }

        @Override
        public byte[] toBytes(List<E> value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (E item : value) {
                byte[] bytes = element.toBytes(item);
                if (bytes.length > AmpBox.MAX_VALUE_LENGTH) {
                    throw new TooLong(TooLong.What.VALUE, true, bytes.length, null);
                }
                AmpBox.writeString(out, bytes);
            }
            return out.toByteArray();
        }

        @Override
        public List<E> fromBytes(byte[] bytes) {
            List<E> items = new ArrayList<>();
            ByteBuffer in = ByteBuffer.wrap(bytes);
            while (in.hasRemaining()) {
                if (in.remaining() < 2) {
                    throw new IllegalArgumentException("a ListOf ends inside an element's length");
                }
                int length = in.getShort() & 0xffff;
                if (in.remaining() < length) {
                    throw new IllegalArgumentException("a ListOf ends inside an element");
                }
                byte[] item = new byte[length];
                in.get(item);
                items.add(element.fromBytes(item));
            }
            return items;
        }

        @Override
        public String toString() {
            return "ListOf(" + element + ")";
        }
    }

    private record AmpList<R extends Record>(Schema<R> schema) implements Argument<List<R>> {
        @Override
        public Class<?> type() {
            return List.class;
        }

        @Override
        public byte[] toBytes(List<R> value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (R item : value) {
                out.writeBytes(schema.toBox(item, new AmpBox()).serialize());
            }
            return out.toByteArray();
        }

        @Override
        public List<R> fromBytes(byte[] bytes) {
            List<R> items = new ArrayList<>();
            for (AmpBox box : BoxParser.parseAll(bytes)) {
                items.add(schema.fromBox(box));
            }
            return items;
        }

        @Override
        public String toString() {
            return "AmpList(" + schema + ")";
        }
    }

    private static String ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                throw new IllegalArgumentException("not ASCII: " + utf8Lenient(bytes));
            }
        }
        return new String(bytes, US_ASCII);
    }

    private static String integerText(byte[] bytes) {
        String text = ascii(bytes).strip();
        if (!INTEGER.matcher(text).matches()) {
            throw new NumberFormatException("not an integer: " + text);
        }
        return text;
    }

    private static Boolean parseBoolean(byte[] bytes) {
        String text = utf8Lenient(bytes);
        return switch (text) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("bad boolean value: " + text);
        };
    }

    private static String utf8(byte[] bytes) {
        try {
            return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8: " + e.getMessage(), e);
        }
    }

    private static String utf8Lenient(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    /** Python's {@code repr(float)}: the shortest digits that read back the same, in Python's layout. */
    static String pythonRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String sign = (Double.doubleToRawLongBits(value) < 0) ? "-" : "";
        if (value == 0) {
            return sign + "0.0";
        }
        // The JDK's Double.toString gives the shortest decimal that reads back as the same double (JDK 19+).
        // It writes two digits at least, where one may do (4.9E-324 for Python's 5e-324).
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        if (shortest.precision() == 2) {
            BigDecimal one = shortest.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (one.doubleValue() == Math.abs(value)) {
                shortest = one.stripTrailingZeros();
            }
        }
        String digits = shortest.unscaledValue().toString();
        int count = digits.length();
        int point = count - shortest.scale();
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                return sign + "0." + "0".repeat(-point) + digits;
            }
            if (point >= count) {
                return sign + digits + "0".repeat(point - count) + ".0";
            }
            return sign + digits.substring(0, point) + "." + digits.substring(point);
        }
        int exponent = point - 1;
        String mantissa = count == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exponentDigits = Integer.toString(Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exponentDigits.length() < 2 ? "0" : "")
                + exponentDigits;
    }

    /** Python's {@code float(text)}, less underscores and hexadecimal. */
    static double parsePythonFloat(String text) {
        String body = text.strip();
        boolean negative = body.startsWith("-");
        String unsigned = negative || body.startsWith("+") ? body.substring(1) : body;
        switch (unsigned.toLowerCase(Locale.ROOT)) {
            case "inf", "infinity" -> {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        if (!FLOAT.matcher(body).matches()) {
            throw new NumberFormatException("not a float: " + text);
        }
        return Double.parseDouble(body);
    }

    private static String formatDateTime(OffsetDateTime value) {
        int year = value.getYear();
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("amp.DateTime writes years 1 to 9999, not " + year);
        }
        int offsetSeconds = value.getOffset().getTotalSeconds();
        int minutes = Math.floorDiv(offsetSeconds, 60);
        return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d.%06d%s%02d:%02d", year,
                value.getMonthValue(), value.getDayOfMonth(), value.getHour(), value.getMinute(), value.getSecond(),
                value.getNano() / 1000, minutes > 0 ? "+" : "-", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
    }

    private static OffsetDateTime parseDateTime(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid date format " + text);
        }
        try {
            if (m.group(1).equals("0000")) {
                throw new IllegalArgumentException("invalid date " + text + ": there is no year 0");
            }
            int offsetMinutes = Integer.parseInt(m.group(9)) * 60 + Integer.parseInt(m.group(10));
            if (m.group(8).equals("-")) {
                offsetMinutes = -offsetMinutes;
            }
            return OffsetDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)) * 1000,
                    ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid date " + text + ": " + e.getMessage(), e);
        }
    }
}
