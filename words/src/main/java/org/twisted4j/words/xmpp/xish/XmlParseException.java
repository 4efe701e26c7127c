package org.twisted4j.words.xmpp.xish;

/**
 * The one error an {@link XmlStreamParser} raises: the bytes are not a well-formed, namespace-well-formed XML
 * stream, use XML that XMPP forbids, or pass a limit. {@link #condition()} names the RFC 6120 stream error a
 * server answers with.
 */
public final class XmlParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The stream error conditions (RFC 6120 §4.9.3) a parse error maps to. */
    public enum Condition {
        /** Not well-formed XML, or a namespace prefix used without its declaration. */
        NOT_WELL_FORMED("not-well-formed"),
        /** A DTD, entity reference, comment or processing instruction (RFC 6120 §11.1). */
        RESTRICTED_XML("restricted-xml"),
        /** An element nested deeper, or a stanza larger, than the parser's limits. */
        POLICY_VIOLATION("policy-violation"),
        /** An encoding other than UTF-8 declared. */
        UNSUPPORTED_ENCODING("unsupported-encoding");

        private final String wireName;

        Condition(String wireName) {
            this.wireName = wireName;
        }

        /** Returns the element name of the condition, such as {@code not-well-formed}. */
        public String wireName() {
            return wireName;
        }
    }

    private final Condition condition;

    /**
     * Creates the error.
     *
     * @param condition the stream error it maps to
     * @param message what was wrong, for logs
     */
    public XmlParseException(Condition condition, String message) {
        super(message);
        this.condition = condition;
    }

    /** Returns the stream error condition this error maps to. */
    public Condition condition() {
        return condition;
    }
}
