package org.twisted4j.words.xmpp;

import org.jspecify.annotations.Nullable;
import org.twisted4j.words.xmpp.xish.Element;

/**
 * A stanza-level error (RFC 6120 §8.3), as Twisted's {@code jabber.error.StanzaError}: what an IQ request's
 * Deferred fails with when the answer is {@code type='error'}, and what a handler answers with.
 */
public final class StanzaError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String condition;
    private final String type;
    private final @Nullable String text;
    private final transient @Nullable Element stanza;

    /**
     * Creates a stanza error.
     *
     * @param condition the defined condition, such as {@code service-unavailable}
     * @param type {@code cancel}, {@code continue}, {@code modify}, {@code auth} or {@code wait}
     * @param text human-readable text, or null
     * @param stanza the error stanza received, or null
     */
    public StanzaError(String condition, String type, @Nullable String text, @Nullable Element stanza) {
        super(text == null ? condition : condition + ": " + text);
        this.condition = condition;
        this.type = type;
        this.text = text;
        this.stanza = stanza;
    }

    /** Returns the defined condition. */
    public String condition() {
        return condition;
    }

    /** Returns the error type. */
    public String type() {
        return type;
    }

    /** Returns the text, or null. */
    public @Nullable String text() {
        return text;
    }

    /** Returns the error stanza received, or null. */
    public @Nullable Element stanza() {
        return stanza;
    }

    /**
     * Builds the error answer to a stanza: its name, {@code type='error'}, {@code to} and {@code from} swapped,
     * its id, and the {@code <error>} child.
     *
     * @param request the stanza being answered
     */
    public Element toResponse(Element request) {
        Element response = new Element(request.uri(), request.name());
        response.attribute("type", "error");
        response.attribute("to", request.getAttribute("from"));
        response.attribute("from", request.getAttribute("to"));
        response.attribute("id", request.getAttribute("id"));
        Element error = response.addElement("error").attribute("type", type);
        error.addElement(Namespaces.XMPP_STANZAS, condition);
        if (text != null) {
            error.addElement(Namespaces.XMPP_STANZAS, "text").addContent(text);
        }
        return response;
    }

    /** Reads the error of a received {@code type='error'} stanza; a missing one is {@code undefined-condition}. */
    public static StanzaError fromElement(Element stanza) {
        Element error = stanza.firstChild("error");
        String condition = "undefined-condition";
        String type = "cancel";
        String text = null;
        if (error != null) {
            type = error.getAttribute("type") == null ? "cancel" : String.valueOf(error.getAttribute("type"));
            for (Element child : error.elements()) {
                if (!child.uri().equals(Namespaces.XMPP_STANZAS)) {
                    continue;
                }
                if (child.name().equals("text")) {
                    text = child.text();
                } else {
                    condition = child.name();
                }
            }
        }
        return new StanzaError(condition, type, text, stanza);
    }
}
