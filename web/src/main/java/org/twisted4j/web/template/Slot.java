package org.twisted4j.web.template;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A place in a document that takes the value given to it by {@link Tag#fillSlots} on an enclosing tag, as Twisted's
 * {@code slot} ({@code <t:slot name="title"/>} in a template, {@link Tags#slot} in Java). A slot left unfilled
 * writes its default if it has one, else fails the rendering with {@link UnfilledSlot}.
 *
 * <p>A slot sees the values of the tags that enclose it, the nearest first. (Twisted also lets a slot see values
 * given to a tag that came before it and has ended, which is a leak; here it does not.)
 *
 * <p>Threading: immutable.
 */
public final class Slot {

    private final String name;
    private final @Nullable Object defaultValue;
    private final @Nullable String filename;
    private final int lineNumber;
    private final int columnNumber;

    /**
     * Makes a slot.
     *
     * @param name its name
     * @param defaultValue what it writes when unfilled, or null to fail then
     * @param filename the template file it was parsed from, or null
     * @param lineNumber its line in that file, from 1 (0 if unknown)
     * @param columnNumber its column, from 1 (0 if unknown)
     */
    public Slot(String name, @Nullable Object defaultValue, @Nullable String filename, int lineNumber,
            int columnNumber) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
        this.filename = filename;
        this.lineNumber = lineNumber;
        this.columnNumber = columnNumber;
    }

    /** Returns the slot's name. */
    public String name() {
        return name;
    }

    /** Returns what the slot writes when unfilled, or null. */
    public @Nullable Object defaultValue() {
        return defaultValue;
    }

    /** Returns the name of the template file this slot was parsed from, or null. */
    public @Nullable String filename() {
        return filename;
    }

    /** Returns the line of the template this slot was parsed from, from 1; 0 if unknown. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Returns the column of the template this slot was parsed from, from 1; 0 if unknown. */
    public int columnNumber() {
        return columnNumber;
    }

    @Override
    public String toString() {
        return "Slot(\"" + name + "\")";
    }
}
