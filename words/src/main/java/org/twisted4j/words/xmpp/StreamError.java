package org.twisted4j.words.xmpp;

import org.jspecify.annotations.Nullable;
import org.twisted4j.words.xmpp.xish.Element;

/**
 * A stream-level error (RFC 6120 §4.9), as Twisted's {@code jabber.error.StreamError}: sent as
 * {@code <stream:error>} before the stream closes, or received from the peer.
 */
public final class StreamError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String condition;
    private final @Nullable String text;

    /**
     * Creates a stream error.
     *
     * @param condition the defined condition, such as {@code not-well-formed} or {@code not-authorized}
     * @param text human-readable text, or null
     */
    public StreamError(String condition, @Nullable String text) {
        super(text == null ? condition : condition + ": " + text);
        this.condition = condition;
        this.text = text;
    }

    /** Returns the defined condition. */
    public String condition() {
        return condition;
    }

    /** Returns the text, or null. */
    public @Nullable String text() {
        return text;
    }

    /** Returns the {@code <stream:error>} element. */
    public Element toElement() {
        Element error = new Element(Namespaces.STREAMS, "error");
        error.addElement(Namespaces.XMPP_STREAMS, condition);
        if (text != null) {
            error.addElement(Namespaces.XMPP_STREAMS, "text").addContent(text);
        }
        return error;
    }

    /** Reads a received {@code <stream:error>}; an unknown shape gives {@code undefined-condition}. */
    public static StreamError fromElement(Element error) {
        String condition = "undefined-condition";
        String text = null;
        for (Element child : error.elements()) {
            if (!child.uri().equals(Namespaces.XMPP_STREAMS)) {
                continue;
            }
            if (child.name().equals("text")) {
                text = child.text();
            } else {
                condition = child.name();
            }
        }
        return new StreamError(condition, text);
    }
}
