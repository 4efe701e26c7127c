package org.twisted4j.spread.jelly;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Python {@code tuple}: an immutable sequence, which jelly keeps apart from a {@link List} (a Python
 * {@code list}) because Python code tells them apart; Perspective Broker passes a call's arguments as one.
 *
 * <p>Equality and hash code are by content, with {@code byte[]} items compared by content. Immutable
 * once unjellying is over; any thread.
 */
public final class Tuple implements Iterable<@Nullable Object> {

    private static final Tuple EMPTY = new Tuple(new Object[0]);

    final @Nullable Object[] items;

    Tuple(@Nullable Object[] items) {
        this.items = items;
    }

    /**
     * Returns a tuple of these items.
     *
     * @param items the items, in order; the array is copied
     * @return the tuple
     */
    public static Tuple of(@Nullable Object... items) {
        return items.length == 0 ? EMPTY : new Tuple(items.clone());
    }

    /**
     * Returns a tuple of the items of a list.
     *
     * @param items the items, in order
     * @return the tuple
     */
    public static Tuple copyOf(List<?> items) {
        return items.isEmpty() ? EMPTY : new Tuple(items.toArray());
    }

    /** Returns the number of items. */
    public int size() {
        return items.length;
    }

    /**
     * Returns one item.
     *
     * @param index from 0
     * @return the item
     * @throws IndexOutOfBoundsException if there is no such item
     */
    public @Nullable Object get(int index) {
        return items[index];
    }

    /** Returns the items as an unmodifiable list. */
    public List<@Nullable Object> asList() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    @Override
    public Iterator<@Nullable Object> iterator() {
        return asList().iterator();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Tuple tuple && Arrays.deepEquals(items, tuple.items);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(items);
    }

    @Override
    public String toString() {
        return "Tuple" + Arrays.deepToString(items);
    }
}
