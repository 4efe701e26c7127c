package org.twisted4j.words.xmpp.xish;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.nio.ByteBuffer;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;

/**
 * Parses an XML stream incrementally, as Twisted's {@code xish.domish.elementStream}: the root element's start
 * tag, each complete child of the root (a stanza) as an {@link Element}, and the root's end. Bytes are fed as
 * they arrive, split anywhere; nothing blocks and no thread is held.
 *
 * <pre>{@code
 * XmlStreamParser parser = new XmlStreamParser(new XmlStreamParser.Listener() {
 *     public void streamStarted(Element root) { ... }        // <stream:stream ...> with its attributes
 *     public void elementReceived(Element stanza) { ... }    // each child of the root, complete
 *     public void streamEnded() { ... }                      // </stream:stream>
 * });
 * parser.feed(bytes);   // throws XmlParseException, after which the stream is dead
 * }</pre>
 *
 * <h2>Limits and restricted XML</h2>
 * Built on Aalto-XML's asynchronous reader with DTD support and external entities off. XMPP's restricted XML
 * is enforced (RFC 6120 §11.1): a DTD, an entity reference other than the five predefined and character
 * references, a comment or a processing instruction is a {@link XmlParseException.Condition#RESTRICTED_XML}
 * error, so no entity is ever expanded (billion laughs and external entities cannot happen). A prefix used
 * without its declaration is {@link XmlParseException.Condition#NOT_WELL_FORMED}. Elements may nest
 * {@link #DEFAULT_MAX_DEPTH} deep below the root, and a stanza may take {@link #DEFAULT_MAX_STANZA_BYTES} (bytes are
 * counted in the feed chunks of {@value #CHUNK} the reader is given, from the chunk after the one the stanza
 * began in, and checked after each chunk, so the limit holds to within two chunks); past either it is
 * {@link XmlParseException.Condition#POLICY_VIOLATION}. What the parser holds is bounded by the stanza limit
 * plus two chunks, whatever the input claims. The stream header counts as a stanza.
 *
 * <h2>Threading</h2>
 * Not thread-safe: one stream, one thread (the reactor's). Listener methods run inside {@link #feed}.
 */
public final class XmlStreamParser {

    /** Receives what the parser finds. */
    public interface Listener {
        /**
         * The root's start tag arrived.
         *
         * @param root the root element, with its attributes and no children
         */
        void streamStarted(Element root);

        /**
         * A child of the root arrived, complete.
         *
         * @param element the stanza; the listener owns it
         */
        void elementReceived(Element element);

        /** The root's end tag arrived; nothing more is parsed. */
        void streamEnded();
    }

    /** The default limit on the depth of elements below the root: {@value}. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** The default limit on one stanza's size in bytes: {@value} (256 KiB, as Prosody's c2s default). */
    public static final int DEFAULT_MAX_STANZA_BYTES = 256 * 1024;
    /** The largest piece of input handed to the XML reader at once, and so the precision of the size limit. */
    static final int CHUNK = 256;

    private static final AsyncXMLInputFactory FACTORY = newFactory();

    private final Listener listener;
    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final byte[] chunk = new byte[CHUNK];
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxStanzaBytes = DEFAULT_MAX_STANZA_BYTES;
    private int depth;
    private @Nullable Element current;
    private long stanzaBytes;
    private boolean ended;
    private @Nullable XmlParseException failure;
    private String rootDefaultNamespace = "";
    private final CdataEndScanner cdataEnd = new CdataEndScanner();

    /**
     * Creates a parser for one stream.
     *
     * @param listener told of the root, the stanzas and the end
     */
    public XmlStreamParser(Listener listener) {
        this.listener = listener;
        this.reader = FACTORY.createAsyncForByteArray();
    }

    private static AsyncXMLInputFactory newFactory() {
        AsyncXMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /**
     * Sets how deep elements may nest below the root.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public void setMaxDepth(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth < 1: " + maxDepth);
        }
        this.maxDepth = maxDepth;
    }

    /**
     * Sets how many bytes one stanza, or the stream header, may take.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public void setMaxStanzaBytes(int maxStanzaBytes) {
        if (maxStanzaBytes < 1) {
            throw new IllegalArgumentException("maxStanzaBytes < 1: " + maxStanzaBytes);
        }
        this.maxStanzaBytes = maxStanzaBytes;
    }

    /**
     * Returns the default namespace declared on the root element ({@code jabber:client} on a client stream), or
     * {@code ""} before the root or if it declares none.
     */
    public String rootDefaultNamespace() {
        return rootDefaultNamespace;
    }

    /** Returns whether the root's end tag has been parsed. */
    public boolean ended() {
        return ended;
    }

    /**
     * Parses what arrived; consumes all of {@code data}. After the stream's end, bytes are ignored.
     *
     * @param data the bytes, read from its position to its limit
     * @throws XmlParseException if the stream is bad; every later call throws the same error
     */
    public void feed(ByteBuffer data) throws XmlParseException {
        if (failure != null) {
            data.position(data.limit());
            throw failure;
        }
        try {
            while (data.hasRemaining() && !ended) {
                int n = Math.min(CHUNK, data.remaining());
                data.get(chunk, 0, n);
                stanzaBytes += n;
                int bad = cdataEnd.scan(chunk, n);
                reader.getInputFeeder().feedInput(chunk, 0, bad < 0 ? n : bad);
                drain();
                if (bad >= 0 && !ended) {
                    throw new XmlParseException(XmlParseException.Condition.NOT_WELL_FORMED,
                            "']]>' is not allowed in character data");
                }
                if (stanzaBytes > maxStanzaBytes) {
                    throw new XmlParseException(XmlParseException.Condition.POLICY_VIOLATION,
                            "stanza larger than " + maxStanzaBytes + " bytes");
                }
            }
            data.position(data.limit());
        } catch (XMLStreamException e) {
            failure = new XmlParseException(XmlParseException.Condition.NOT_WELL_FORMED, firstLine(e.getMessage()));
        } catch (XmlParseException e) {
            failure = e;
        } catch (RuntimeException e) {
            // Aalto reports some malformed input (such as bytes past the end of the root) as unchecked errors.
            failure = new XmlParseException(XmlParseException.Condition.NOT_WELL_FORMED, String.valueOf(e));
        }
        if (failure != null) {
            data.position(data.limit());
            throw failure;
        }
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "not well-formed";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private void drain() throws XMLStreamException, XmlParseException {
        int event;
        while (!ended && (event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            switch (event) {
                case XMLStreamConstants.START_DOCUMENT -> checkEncoding();
                case XMLStreamConstants.START_ELEMENT -> startElement();
                case XMLStreamConstants.END_ELEMENT -> endElement();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
                case XMLStreamConstants.END_DOCUMENT -> ended = true;
                case XMLStreamConstants.DTD -> throw restricted("a DTD");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw restricted("an entity reference");
                case XMLStreamConstants.COMMENT -> throw restricted("a comment");
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw restricted("a processing instruction");
                default -> throw new XmlParseException(XmlParseException.Condition.NOT_WELL_FORMED,
                        "unexpected XML event " + event);
            }
        }
    }

    private static XmlParseException restricted(String what) {
        return new XmlParseException(XmlParseException.Condition.RESTRICTED_XML, what + " is not allowed in XMPP");
    }

    private void checkEncoding() throws XmlParseException {
        String declared = reader.getCharacterEncodingScheme();
        if (declared != null && !declared.toUpperCase(Locale.ROOT).replace("_", "-").equals("UTF-8")) {
            throw new XmlParseException(XmlParseException.Condition.UNSUPPORTED_ENCODING,
                    "encoding " + declared + " declared; XMPP is UTF-8");
        }
    }

    /**
     * Refuses text that is not XML characters. Aalto decodes some invalid UTF-8 (four-byte sequences past
     * U+10FFFF) into unpaired surrogates instead of failing; they would not survive being written out again.
     */
    private static String checked(String text) throws XmlParseException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
                i++;
            } else {
                bad = Character.isLowSurrogate(c) || c == '\ufffe' || c == '\uffff'
                        || (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
            }
            if (bad) {
                throw new XmlParseException(XmlParseException.Condition.NOT_WELL_FORMED,
                        "invalid character or UTF-8 sequence");
            }
        }
        return text;
    }

    private void startElement() throws XmlParseException {
        String uri = reader.getNamespaceURI();
        Element element = new Element(uri == null ? "" : checked(uri), checked(reader.getLocalName()));
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attributeUri = reader.getAttributeNamespace(i);
            String local = checked(reader.getAttributeLocalName(i));
            String key = attributeUri == null || attributeUri.isEmpty() ? local
                    : "{" + checked(attributeUri) + "}" + local;
            element.attribute(key, checked(reader.getAttributeValue(i)));
        }
        if (depth == 0) {
            String declared = reader.getNamespaceContext().getNamespaceURI("");
            rootDefaultNamespace = declared == null ? "" : declared;
            depth = 1;
            stanzaBytes = 0;
            listener.streamStarted(element);
            return;
        }
        if (depth > maxDepth) {
            throw new XmlParseException(XmlParseException.Condition.POLICY_VIOLATION,
                    "elements nested deeper than " + maxDepth);
        }
        if (current != null) {
            current.addChild(element);
        }
        current = element;
        depth++;
    }

    private void endElement() {
        depth--;
        if (depth == 0) {
            ended = true;
            listener.streamEnded();
            return;
        }
        Element done = current;
        current = done == null ? null : done.parent();
        if (depth == 1 && done != null) {
            stanzaBytes = 0;
            listener.elementReceived(done);
        }
    }

    private void text() throws XmlParseException {
        if (current != null) {
            current.addContent(checked(reader.getText()));
        } else if (depth == 1) {
            stanzaBytes = 0;
        }
    }
}
