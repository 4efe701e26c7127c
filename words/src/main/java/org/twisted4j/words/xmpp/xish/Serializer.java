package org.twisted4j.words.xmpp.xish;

import java.util.Map;

/**
 * Writes {@link Element}s as XML text the way domish does, optionally as children of a stream whose default
 * namespace and prefixes are already declared (Twisted's {@code toXml(prefixes, defaultUri, prefixesInScope)}).
 *
 * <pre>{@code
 * Serializer inStream = new Serializer("jabber:client", Map.of("http://etherx.jabber.org/streams", "stream"));
 * inStream.serialize(message);   // <message to='...'>...</message>, no xmlns repeated
 * inStream.serialize(error);     // <stream:error>...</stream:error>
 * }</pre>
 *
 * <p>Namespaced attributes ({@code {uri}local}) are written with the {@code xml} prefix for
 * {@link Element#XML_NAMESPACE} and with a prefix declared on the element otherwise.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class Serializer {

    private final String defaultUri;
    private final Map<String, String> prefixes;

    /** A serializer for standalone elements: each top element declares its namespace. */
    public Serializer() {
        this("\u0000", Map.of());
    }

    /**
     * A serializer for children of a stream.
     *
     * @param defaultUri the default namespace in scope
     * @param prefixes namespace to prefix, declared in scope
     */
    public Serializer(String defaultUri, Map<String, String> prefixes) {
        this.defaultUri = defaultUri;
        this.prefixes = Map.copyOf(prefixes);
    }

    /** Returns the element as XML text. */
    public String serialize(Element element) {
        StringBuilder out = new StringBuilder(64);
        write(out, element, defaultUri, true);
        return out.toString();
    }

    /**
     * Returns a stream's opening tag, as Twisted's {@code sendHeader}: the root element with the
     * {@code stream} prefix declared, then the default namespace, then the attributes, left open.
     *
     * @param root the stream root, in the streams namespace, named {@code stream}
     * @param prefix the prefix for the root's namespace
     * @param streamDefaultUri the stream's default namespace, such as {@code jabber:client}
     */
    public static String openTag(Element root, String prefix, String streamDefaultUri) {
        StringBuilder out = new StringBuilder(160);
        out.append('<').append(prefix).append(':').append(root.name());
        out.append(" xmlns:").append(prefix).append("='").append(escape(root.uri(), true)).append('\'');
        out.append(" xmlns='").append(escape(streamDefaultUri, true)).append('\'');
        writeAttributes(out, root);
        return out.append('>').toString();
    }

    private void write(StringBuilder out, Element e, String parentDefault, boolean top) {
        // The xml prefix is bound everywhere and its namespace may not be the default one.
        String prefix = e.uri().equals(Element.XML_NAMESPACE) ? "xml" : prefixes.get(e.uri());
        String childDefault = parentDefault;
        String tag;
        if (prefix != null && !e.uri().equals(parentDefault)) {
            tag = prefix + ":" + e.name();
            out.append('<').append(tag);
        } else {
            tag = e.name();
            out.append('<').append(tag);
            if (!e.uri().equals(parentDefault) && !(e.uri().isEmpty() && top && parentDefault.equals("\u0000"))) {
                out.append(" xmlns='").append(escape(e.uri(), true)).append('\'');
            }
            childDefault = e.uri();
        }
        writeAttributes(out, e);
        if (e.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Object child : e.children()) {
            if (child instanceof Element c) {
                write(out, c, childDefault, false);
            } else {
                out.append(escape((String) child, false));
            }
        }
        out.append("</").append(tag).append('>');
    }

    private static void writeAttributes(StringBuilder out, Element e) {
        int generated = 0;
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            String key = a.getKey();
            String value = escape(a.getValue(), true);
            if (key.startsWith("{")) {
                int close = key.indexOf('}');
                String uri = key.substring(1, close);
                String local = key.substring(close + 1);
                if (uri.equals(Element.XML_NAMESPACE)) {
                    out.append(" xml:").append(local).append("='").append(value).append('\'');
                } else {
                    String p = "xn" + generated++;
                    out.append(" xmlns:").append(p).append("='").append(escape(uri, true)).append('\'');
                    out.append(' ').append(p).append(':').append(local).append("='").append(value).append('\'');
                }
            } else {
                out.append(' ').append(key).append("='").append(value).append('\'');
            }
        }
    }

    /**
     * Escapes text as domish's {@code escapeToXml}: {@code & < >} always, {@code ' "} in attribute values; and,
     * so that a parser gives back what was written, a carriage return always and a tab or line feed in an
     * attribute value as character references.
     *
     * @param text the text
     * @param attribute whether it goes in an attribute value
     */
    public static String escape(String text, boolean attribute) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\'' -> attribute ? "&apos;" : null;
                case '"' -> attribute ? "&quot;" : null;
                case '\r' -> "&#13;";
                case '\n' -> attribute ? "&#10;" : null;
                case '\t' -> attribute ? "&#9;" : null;
                default -> null;
            };
            if (r != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (r != null) {
                    out.append(r);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
