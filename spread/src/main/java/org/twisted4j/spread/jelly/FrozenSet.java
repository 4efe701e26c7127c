package org.twisted4j.spread.jelly;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Python {@code frozenset}, kept apart from a Java {@link Set} (which jellies as a Python {@code set}).
 * Holds its elements in the order they were given. Immutable; any thread.
 *
 * @param elements the elements, unmodifiable
 */
public record FrozenSet(Set<@Nullable Object> elements) {

    /**
     * Copies the elements.
     *
     * @param elements the elements
     */
    public FrozenSet {
        elements = Collections.unmodifiableSet(new LinkedHashSet<>(elements));
    }

    /**
     * Returns a frozen set of these elements.
     *
     * @param elements the elements
     * @return the frozen set
     */
    public static FrozenSet of(@Nullable Object... elements) {
        Set<@Nullable Object> set = new LinkedHashSet<>();
        Collections.addAll(set, elements);
        return new FrozenSet(set);
    }
}
