package org.twisted4j.words.xmpp.xish;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An XML element as Twisted's {@code domish.Element}: a name in a namespace, attributes, and children that are
 * elements or text, in document order. The stanzas an {@link XmlStreamParser} delivers are elements, and so is
 * what a protocol builds and sends.
 *
 * <pre>{@code
 * Element message = new Element("jabber:client", "message").attribute("to", "juliet@example.com")
 *         .attribute("type", "chat");
 * message.addElement("body").addContent("Art thou not Romeo, and a Montague?");
 * String xml = message.toXml();   // <message xmlns='jabber:client' to=... type='chat'><body>...</body></message>
 * }</pre>
 *
 * <p>Attributes without a namespace are keyed by their local name; an attribute in a namespace is keyed in
 * Clark notation, {@code {uri}local} (so {@code xml:lang} is {@code {http://www.w3.org/XML/1998/namespace}lang}).
 * Serialization follows domish: attributes in single quotes, {@code & < >} escaped in text and {@code & < > ' "}
 * in attribute values, a default namespace declared wherever an element's namespace differs from its parent's.
 *
 * <h2>Threading</h2>
 * Not thread-safe; a stream's elements belong to its reactor thread.
 */
public final class Element {

    /** The namespace of {@code xml:} attributes, such as {@code xml:lang}. */
    public static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

    private final String uri;
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Object> children = new ArrayList<>();
    private @Nullable Element parent;

    /**
     * Creates an element.
     *
     * @param uri its namespace, {@code ""} for none
     * @param name its local name
     * @throws IllegalArgumentException if the name is empty or holds a {@code :}
     */
    public Element(String uri, String name) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not a local name: " + name);
        }
    }

    /** Returns the local name. */
    public String name() {
        return name;
    }

    /** Returns the namespace, {@code ""} for none. */
    public String uri() {
        return uri;
    }

    /** Returns the element this one was added to, or null. */
    public @Nullable Element parent() {
        return parent;
    }

    /** Returns the attributes in the order they were set, keyed as the class javadoc says; unmodifiable. */
    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /**
     * Returns an attribute's value.
     *
     * @param key the attribute's local name, or {@code {uri}local} for one in a namespace
     * @return its value, or null if absent
     */
    public @Nullable String getAttribute(String key) {
        return attributes.get(key);
    }

    /** Returns whether the attribute is present. */
    public boolean hasAttribute(String key) {
        return attributes.containsKey(key);
    }

    /**
     * Sets an attribute, or removes it when {@code value} is null.
     *
     * @return this element
     */
    public Element attribute(String key, @Nullable String value) {
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(Objects.requireNonNull(key, "key"), value);
        }
        return this;
    }

    /** Returns the children, elements and strings in document order; unmodifiable. */
    public List<Object> children() {
        return Collections.unmodifiableList(children);
    }

    /** Returns the child elements in document order. */
    public List<Element> elements() {
        List<Element> found = new ArrayList<>();
        for (Object child : children) {
            if (child instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    /** Returns the child elements with this namespace and name, in document order. */
    public List<Element> elements(String uri, String name) {
        List<Element> found = new ArrayList<>();
        for (Object child : children) {
            if (child instanceof Element e && e.name.equals(name) && e.uri.equals(uri)) {
                found.add(e);
            }
        }
        return found;
    }

    /** Returns the first child element with this name, whatever its namespace, or null. */
    public @Nullable Element firstChild(String name) {
        for (Object child : children) {
            if (child instanceof Element e && e.name.equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** Returns the first child element with this namespace and name, or null. */
    public @Nullable Element firstChild(String uri, String name) {
        for (Object child : children) {
            if (child instanceof Element e && e.name.equals(name) && e.uri.equals(uri)) {
                return e;
            }
        }
        return null;
    }

    /** Returns the first child element, or null. */
    public @Nullable Element firstChildElement() {
        for (Object child : children) {
            if (child instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /**
     * Adds a child element in this element's namespace, as domish's {@code addElement(name)}.
     *
     * @return the child, to fill in
     */
    public Element addElement(String name) {
        return addChild(new Element(uri, name));
    }

    /**
     * Adds a child element in the given namespace.
     *
     * @return the child, to fill in
     */
    public Element addElement(String uri, String name) {
        return addChild(new Element(uri, name));
    }

    /**
     * Adds an element as the last child.
     *
     * @return the child
     * @throws IllegalArgumentException if the child already has a parent or is an ancestor of this element
     */
    public Element addChild(Element child) {
        if (child.parent != null) {
            throw new IllegalArgumentException("element already has a parent");
        }
        for (Element e = this; e != null; e = e.parent) {
            if (e == child) {
                throw new IllegalArgumentException("element cannot contain itself");
            }
        }
        child.parent = this;
        children.add(child);
        return child;
    }

    /**
     * Appends text, merged with text that ends the children already.
     *
     * @return this element
     */
    public Element addContent(String text) {
        if (text.isEmpty()) {
            return this;
        }
        int last = children.size() - 1;
        if (last >= 0 && children.get(last) instanceof String s) {
            children.set(last, s + text);
        } else {
            children.add(text);
        }
        return this;
    }

    /** Removes a child element; returns whether it was a child. */
    public boolean removeChild(Element child) {
        boolean removed = children.remove(child);
        if (removed) {
            child.parent = null;
        }
        return removed;
    }

    /** Returns the text children joined, as domish's {@code str(element)}; {@code ""} if none. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Object child : children) {
            if (child instanceof String s) {
                text.append(s);
            }
        }
        return text.toString();
    }

    /** Returns the text of the first child with this name, or null if there is none. */
    public @Nullable String childText(String name) {
        Element child = firstChild(name);
        return child == null ? null : child.text();
    }

    /** Returns a deep copy without a parent. */
    public Element copy() {
        Element copy = new Element(uri, name);
        copy.attributes.putAll(attributes);
        for (Object child : children) {
            if (child instanceof Element e) {
                copy.addChild(e.copy());
            } else {
                copy.children.add(child);
            }
        }
        return copy;
    }

    /** Serializes the element with its namespace declared; see {@link Serializer}. */
    public String toXml() {
        return new Serializer().serialize(this);
    }

    @Override
    public String toString() {
        return toXml();
    }
}
