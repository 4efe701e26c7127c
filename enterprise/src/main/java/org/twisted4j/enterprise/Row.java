package org.twisted4j.enterprise;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of a query's result, read in full from the database before it reaches the reactor thread, as the
 * tuples Twisted's {@code runQuery} returns: values by index (from 0, like a Python tuple, not JDBC's 1) or by
 * column label (regardless of case, since databases disagree on it).
 *
 * <pre>{@code
 * pool.runQuery("SELECT id, name FROM guest WHERE id = ?", 7).addCallback(rows -> {
 *     Row row = rows.get(0);
 *     long id = row.getLong("id");          // by label
 *     String name = row.getString(1);       // by index
 *     return null;
 * });
 * }</pre>
 *
 * <h2>Values</h2>
 * Each value is what the driver's {@code ResultSet.getObject} gave, except for the types that live only as long
 * as the result set: a {@code CLOB} becomes a {@link String}, a {@code BLOB} a {@code byte[]}, an SQL
 * {@code ARRAY} a {@link List}, {@code SQLXML} a {@link String}. SQL {@code NULL} is Java {@code null}. The
 * typed getters convert between number types and return {@code null} for {@code NULL}.
 *
 * <h2>Threading</h2>
 * Immutable (the {@code byte[]} values excepted: do not change them); any thread.
 */
public final class Row {
    private final Columns columns;
    private final @Nullable Object[] values;

    Row(Columns columns, @Nullable Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    /**
     * Makes a row from labels and values, for tests and for code that builds results of its own.
     *
     * @throws IllegalArgumentException if there are not as many values as labels
     */
    public static Row of(List<String> labels, List<?> values) {
        if (labels.size() != values.size()) {
            throw new IllegalArgumentException(labels.size() + " labels but " + values.size() + " values");
        }
        return new Row(new Columns(labels), values.toArray());
    }

    /** Reads the current row of {@code results}. Pool thread. */
    static Row read(Columns columns, ResultSet results) throws SQLException {
        @Nullable Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = detach(results.getObject(i + 1));
        }
        return new Row(columns, values);
    }

    /** Copies the values that are only valid while the result set is open. */
    private static @Nullable Object detach(@Nullable Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Clob clob -> {
                try {
                    yield clob.getSubString(1, Math.toIntExact(clob.length()));
                } finally {
                    clob.free();
                }
            }
            case Blob blob -> {
                try {
                    yield blob.getBytes(1, Math.toIntExact(blob.length()));
                } finally {
                    blob.free();
                }
            }
            case Array array -> {
                try {
                    Object elements = array.getArray();
                    List<@Nullable Object> list = new ArrayList<>();
                    for (int i = 0; i < java.lang.reflect.Array.getLength(elements); i++) {
                        list.add(detach(java.lang.reflect.Array.get(elements, i)));
                    }
                    yield Collections.unmodifiableList(list);
                } finally {
                    array.free();
                }
            }
            case SQLXML xml -> {
                try {
                    yield xml.getString();
                } finally {
                    xml.free();
                }
            }
            default -> value;
        };
    }

    /** Returns how many columns it has. */
    public int size() {
        return values.length;
    }

    /** Returns the column labels, in order. */
    public List<String> labels() {
        return columns.labels();
    }

    /** Returns the values, in order (an unmodifiable view). */
    public List<@Nullable Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /**
     * Returns the value at {@code index}, counted from 0.
     *
     * @throws IndexOutOfBoundsException if there is no such column
     */
    public @Nullable Object get(int index) {
        Objects.checkIndex(index, values.length);
        return values[index];
    }

    /**
     * Returns the value of the first column labelled {@code label}, regardless of case.
     *
     * @throws IllegalArgumentException if no column has that label
     */
    public @Nullable Object get(String label) {
        return values[columns.indexOf(label)];
    }

    /**
     * Returns the value at {@code index} as a {@code type}.
     *
     * @throws ClassCastException if it is of another type
     */
    public <T> @Nullable T get(int index, Class<T> type) {
        return type.cast(get(index));
    }

    /** Returns the value labelled {@code label} as a {@code type}; see {@link #get(int, Class)}. */
    public <T> @Nullable T get(String label, Class<T> type) {
        return type.cast(get(label));
    }

    /** Returns the value at {@code index} as text: a string as it is, anything else by {@code toString}. */
    public @Nullable String getString(int index) {
        Object value = get(index);
        return value == null ? null : value.toString();
    }

    /** Returns the value labelled {@code label} as text; see {@link #getString(int)}. */
    public @Nullable String getString(String label) {
        return getString(columns.indexOf(label));
    }

    /**
     * Returns the number at {@code index} as a long (narrowing as Java's {@link Number#longValue} does).
     *
     * @throws ClassCastException if it is not a number
     */
    public @Nullable Long getLong(int index) {
        Number number = number(index);
        return number == null ? null : number.longValue();
    }

    /** Returns the number labelled {@code label} as a long; see {@link #getLong(int)}. */
    public @Nullable Long getLong(String label) {
        return getLong(columns.indexOf(label));
    }

    /**
     * Returns the number at {@code index} as an int.
     *
     * @throws ClassCastException if it is not a number
     * @throws ArithmeticException if it does not fit an int
     */
    public @Nullable Integer getInt(int index) {
        Number number = number(index);
        return number == null ? null : Math.toIntExact(number.longValue());
    }

    /** Returns the number labelled {@code label} as an int; see {@link #getInt(int)}. */
    public @Nullable Integer getInt(String label) {
        return getInt(columns.indexOf(label));
    }

    /**
     * Returns the number at {@code index} as a double.
     *
     * @throws ClassCastException if it is not a number
     */
    public @Nullable Double getDouble(int index) {
        Number number = number(index);
        return number == null ? null : number.doubleValue();
    }

    /** Returns the number labelled {@code label} as a double; see {@link #getDouble(int)}. */
    public @Nullable Double getDouble(String label) {
        return getDouble(columns.indexOf(label));
    }

    /**
     * Returns the number at {@code index} as a BigDecimal, exactly where the value is an integer or decimal.
     *
     * @throws ClassCastException if it is not a number
     */
    public @Nullable BigDecimal getBigDecimal(int index) {
        Number number = number(index);
        return switch (number) {
            case null -> null;
            case BigDecimal decimal -> decimal;
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case java.math.BigInteger big -> new BigDecimal(big);
            default -> BigDecimal.valueOf(number.doubleValue());
        };
    }

    /** Returns the number labelled {@code label} as a BigDecimal; see {@link #getBigDecimal(int)}. */
    public @Nullable BigDecimal getBigDecimal(String label) {
        return getBigDecimal(columns.indexOf(label));
    }

    /**
     * Returns the value at {@code index} as a boolean: a Boolean as it is, a number as "not zero" (SQLite has
     * no boolean type).
     *
     * @throws ClassCastException if it is neither
     */
    public @Nullable Boolean getBoolean(int index) {
        return switch (get(index)) {
            case null -> null;
            case Boolean b -> b;
            case Number n -> n.longValue() != 0;
            case Object other -> throw new ClassCastException("column " + index + " holds a "
                    + other.getClass().getName() + ", not a boolean");
        };
    }

    /** Returns the value labelled {@code label} as a boolean; see {@link #getBoolean(int)}. */
    public @Nullable Boolean getBoolean(String label) {
        return getBoolean(columns.indexOf(label));
    }

    /**
     * Returns the bytes at {@code index} (a {@code BLOB}, {@code BYTEA}, {@code VARBINARY}...).
     *
     * @throws ClassCastException if the value is not bytes
     */
    public byte @Nullable [] getBytes(int index) {
        return get(index, byte[].class);
    }

    /** Returns the bytes labelled {@code label}; see {@link #getBytes(int)}. */
    public byte @Nullable [] getBytes(String label) {
        return getBytes(columns.indexOf(label));
    }

    private @Nullable Number number(int index) {
        Object value = get(index);
        if (value == null || value instanceof Number) {
            return (Number) value;
        }
        throw new ClassCastException("column " + index + " (" + columns.labels().get(index) + ") holds a "
                + value.getClass().getName() + ", not a number");
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Row row && row.columns.labels().equals(columns.labels())
                && Arrays.deepEquals(row.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * columns.labels().hashCode() + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Row(");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(columns.labels().get(i)).append('=');
            Object value = values[i];
            text.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value));
        }
        return text.append(')').toString();
    }
}
