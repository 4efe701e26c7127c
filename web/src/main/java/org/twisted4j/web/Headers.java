package org.twisted4j.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An ordered list of HTTP header fields whose names compare without regard to case; a name may repeat.
 *
 * <pre>{@code
 * Headers headers = new Headers();
 * headers.add("Set-Cookie", "a=1");
 * headers.add("set-cookie", "b=2");
 * headers.getAll("SET-COOKIE");   // ["a=1", "b=2"]
 * }</pre>
 *
 * <p>Names and values are kept as given, as ISO-8859-1 text. {@link #add} and {@link #set} refuse names that
 * are not HTTP tokens and values with CR, LF or NUL, so an application cannot split a response.
 *
 * <p>Threading: not synchronized; a request's headers belong to the reactor thread.
 */
public final class Headers {

    private final ArrayList<String> names = new ArrayList<>(16);
    private final ArrayList<String> values = new ArrayList<>(16);

    /** Makes an empty list. */
    public Headers() {
    }

    /**
     * Appends a field, keeping any others of that name.
     *
     * @param name the field name, an HTTP token
     * @param value the field value
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
     */
    public void add(String name, String value) {
        check(name, value);
        names.add(name);
        values.add(value);
    }

    /**
     * Replaces every field of this name by one with the given value.
     *
     * @param name the field name, an HTTP token
     * @param value the field value
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
     */
    public void set(String name, String value) {
        check(name, value);
        remove(name);
        names.add(name);
        values.add(value);
    }

    /** Appends a field the parser has already checked. */
    void addUnchecked(String name, String value) {
        names.add(name);
        values.add(value);
    }

    /**
     * Removes every field of this name.
     *
     * @param name the field name
     * @return whether any was removed
     */
    public boolean remove(String name) {
        boolean removed = false;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /**
     * Returns the first value of a field.
     *
     * @param name the field name, in any case
     * @return the first value, or null if there is no such field
     */
    public @Nullable String get(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /**
     * Returns every value of a field, in the order they came.
     *
     * @param name the field name, in any case
     * @return the values; empty if there is no such field
     */
    public List<String> getAll(String name) {
        List<String> found = new ArrayList<>(2);
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    /**
     * Tells whether a field is present.
     *
     * @param name the field name, in any case
     * @return whether at least one field has that name
     */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /** Returns the number of fields, counting repeats. */
    public int size() {
        return names.size();
    }

    /**
     * Calls the action with each name and value, in order.
     *
     * @param action receives each field
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0, n = names.size(); i < n; i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    /** Returns the name of the field at {@code index}, in order of addition. */
    String nameAt(int index) {
        return names.get(index);
    }

    /** Returns the value of the field at {@code index}, in order of addition. */
    String valueAt(int index) {
        return values.get(index);
    }

    /** Appends every field as {@code Name: value\r\n} to the builder. */
    void appendTo(StringBuilder out) {
        for (int i = 0, n = names.size(); i < n; i++) {
            out.append(names.get(i)).append(": ").append(values.get(i)).append("\r\n");
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    private static void check(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Http.isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name is not a token: " + name);
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header value of " + name + " holds CR, LF or NUL");
            }
        }
    }
}
