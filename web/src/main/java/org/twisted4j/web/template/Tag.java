package org.twisted4j.web.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An element of a document: a tag name, attributes in order, children, and optionally the name of the renderer
 * that replaces it and the values of the slots beneath it, as Twisted's {@code Tag}.
 *
 * <h2>Using it</h2>
 * Build tags with {@link Tags}, or get them from a parsed template; renderers receive a copy of the tag that named
 * them and usually fill it and return it:
 * <pre>{@code
 * Tag page = Tags.div(Tags.h1("Items"), Tags.ul(items)).attr("class", "box");
 *
 * @Renderer
 * public Object row(Request request, Tag tag) {
 *     return tag.clone().fillSlots("name", item.name());   // one copy of the template's tag per item
 * }
 * }</pre>
 *
 * <p>Children and attribute values may be anything {@link Template#flatten} takes: strings, tags, slots, lists,
 * {@link Element}s, {@code Deferred}s of those, {@link Comment}, {@link CDATA}, {@link CharRef} and {@link Raw}.
 * A tag with an empty name ({@link Tags#transparent}) writes only its children. A tag without children whose name
 * is one of HTML's void elements ({@code br}, {@code img}...) is written {@code <br />}, any other as
 * {@code <div></div>}.
 *
 * <p>Threading: not thread-safe; a tag is built and rendered on one thread at a time. A parsed template's tags
 * are shared by every rendering of it: a renderer gets a shallow copy of its tag, and copies ({@link #clone()})
 * what beneath it it changes.
 */
public final class Tag {

    private final String tagName;
    private final Map<String, Object> attributes;
    private List<Object> children;
    private @Nullable String renderer;
    private @Nullable Map<String, Object> slotData;
    private final @Nullable String filename;
    private final int lineNumber;
    private final int columnNumber;

    /**
     * Makes a tag with no attributes or children.
     *
     * @param tagName the element name, such as {@code "div"}; "" for a transparent tag
     */
    public Tag(String tagName) {
        this(tagName, null, 0, 0);
    }

    /**
     * Makes a tag parsed from a template, which remembers where it was for error messages.
     *
     * @param tagName the element name
     * @param filename the template's file name, or null
     * @param lineNumber its line, from 1 (0 if unknown)
     * @param columnNumber its column, from 1 (0 if unknown)
     */
    public Tag(String tagName, @Nullable String filename, int lineNumber, int columnNumber) {
        this.tagName = Objects.requireNonNull(tagName, "tagName");
        this.attributes = new LinkedHashMap<>();
        this.children = new ArrayList<>();
        this.filename = filename;
        this.lineNumber = lineNumber;
        this.columnNumber = columnNumber;
    }

    /**
     * Appends children (Twisted's {@code tag(*children)}).
     *
     * @param children the children; none may be null
     * @return this tag
     */
    public Tag add(Object... children) {
        for (Object child : children) {
            this.children.add(Objects.requireNonNull(child, "child"));
        }
        return this;
    }

    /**
     * Sets an attribute, keeping its place if it was set before (Twisted's {@code tag(name=value)}).
     *
     * @param name the attribute name
     * @param value its value: a string, or anything a child may be (it is escaped for an attribute)
     * @return this tag
     */
    public Tag attr(String name, Object value) {
        attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Names the renderer that replaces this tag when it is flattened (Twisted's {@code tag(render="name")}, or
     * {@code t:render} in a template); the renderer is looked up on the nearest enclosing {@link Renderable}.
     *
     * @param name the renderer's name, or null for none
     * @return this tag
     */
    public Tag render(@Nullable String name) {
        this.renderer = name;
        return this;
    }

    /**
     * Gives a value to a slot beneath this tag ({@code <t:slot name="..."/>} or {@link Tags#slot}).
     *
     * @param name the slot's name
     * @param value its value, anything a child may be
     * @return this tag
     */
    public Tag fillSlots(String name, Object value) {
        Map<String, Object> data = slotData;
        if (data == null) {
            data = new LinkedHashMap<>();
            slotData = data;
        }
        data.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Gives values to slots beneath this tag.
     *
     * @param values slot names and their values
     * @return this tag
     */
    public Tag fillSlots(Map<String, ?> values) {
        values.forEach(this::fillSlots);
        return this;
    }

    /** Removes every child; returns this tag. */
    public Tag clear() {
        children = new ArrayList<>();
        return this;
    }

    /** Returns a deep copy: tags among the children, attribute values and slot values are copied too. */
    @Override
    public Tag clone() {
        return clone(true);
    }

    /**
     * Returns a copy of this tag, as Twisted's {@code clone}.
     *
     * @param deep whether tags (and lists) among the children are copied too, rather than shared
     * @return the copy
     */
    public Tag clone(boolean deep) {
        Tag copy = new Tag(tagName, filename, lineNumber, columnNumber);
        for (Object child : children) {
            copy.children.add(deep ? copyOf(child) : child);
        }
        attributes.forEach((name, value) -> copy.attributes.put(name, copyOf(value)));
        Map<String, Object> data = slotData;
        if (data != null && !data.isEmpty()) {
            Map<String, Object> copied = new LinkedHashMap<>();
            data.forEach((name, value) -> copied.put(name, copyOf(value)));
            copy.slotData = copied;
        }
        copy.renderer = renderer;
        return copy;
    }

    private static Object copyOf(Object value) {
        if (value instanceof Tag tag) {
            return tag.clone(true);
        }
        if (value instanceof List<?> list) {
            List<Object> copied = new ArrayList<>(list.size());
            for (Object item : list) {
                copied.add(copyOf(item));
            }
            return copied;
        }
        return value;
    }

    /** Returns the element name; "" for a transparent tag. */
    public String tagName() {
        return tagName;
    }

    /** Returns the attributes in order, changeable. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** Returns the children, changeable. */
    public List<Object> children() {
        return children;
    }

    /** Returns the name of the renderer that replaces this tag, or null. */
    public @Nullable String renderer() {
        return renderer;
    }

    /** Returns the slot values given to this tag, or an empty map. */
    public Map<String, Object> slotData() {
        Map<String, Object> data = slotData;
        return data == null ? Map.of() : Collections.unmodifiableMap(data);
    }

    @Nullable Map<String, Object> slotDataOrNull() {
        return slotData;
    }

    /** Returns the name of the template file this tag was parsed from, or null. */
    public @Nullable String filename() {
        return filename;
    }

    /** Returns the line of the template this tag was parsed from, from 1; 0 if it was not parsed. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Returns the column of the template this tag was parsed from, from 1; 0 if it was not parsed. */
    public int columnNumber() {
        return columnNumber;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Tag(").append('"').append(tagName).append('"');
        if (renderer != null) {
            text.append(", render=\"").append(renderer).append('"');
        }
        if (!attributes.isEmpty()) {
            text.append(", attributes=").append(attributes);
        }
        if (!children.isEmpty()) {
            text.append(", children=").append(children);
        }
        return text.append(')').toString();
    }
}
