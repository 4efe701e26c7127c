package org.twisted4j.spread.jelly;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Python {@code frozenset}, kept apart from a Java {@link Set} (which jellies as a Python {@code set}).
 * Holds its elements in the order they were given; equal to another with the same elements.
 *
 * <p>Immutable once unjellying is over (an element that refers back to an object still being unjellied
 * joins it when that object completes); any thread.
 */
public final class FrozenSet implements Iterable<@Nullable Object> {

    private final Set<@Nullable Object> elements;

    /**
     * Copies the elements.
     *
     * @param elements the elements
     */
    public FrozenSet(Set<?> elements) {
        this(new LinkedHashSet<@Nullable Object>(elements), true);
    }

    /** Wraps a set that unjellying may still add to. */
    FrozenSet(LinkedHashSet<@Nullable Object> backing, boolean wrap) {
        this.elements = Collections.unmodifiableSet(backing);
    }

    /**
     * Returns a frozen set of these elements.
     *
     * @param elements the elements
     * @return the frozen set
     */
    public static FrozenSet of(@Nullable Object... elements) {
        LinkedHashSet<@Nullable Object> set = new LinkedHashSet<>();
        Collections.addAll(set, elements);
        return new FrozenSet(set, true);
    }

    /** Returns the elements, unmodifiable. */
    public Set<@Nullable Object> elements() {
        return elements;
    }

    @Override
    public Iterator<@Nullable Object> iterator() {
        return elements.iterator();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof FrozenSet set && elements.equals(set.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        return "FrozenSet" + elements;
    }
}
