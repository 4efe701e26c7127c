package org.twisted4j.web.template;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Parses an XHTML template into tags, slots, strings, comments and CDATA, as Twisted's {@code _ToStan} does: the
 * {@code t:} elements and attributes become slots, transparent tags, attribute tags and renderer names; other
 * namespace declarations are written back as {@code xmlns} attributes of the element that follows them. DOCTYPEs,
 * and so every entity definition, are refused before anything is expanded; nothing outside the template is read.
 */
final class TemplateParser extends DefaultHandler2 {

    /** The namespace of the template directives. */
    static final String NAMESPACE = Template.NAMESPACE;

    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
    private static final SAXParserFactory FACTORY = newFactory();

    private final @Nullable String filename;
    private final List<Object> document = new ArrayList<>();
    private List<Object> current = document;
    private final Deque<Object> open = new ArrayDeque<>();
    /** In-scope namespace bindings, innermost last: {uri, prefix or null for the default namespace}. */
    private final List<@Nullable String[]> bindings = new ArrayList<>();
    private final List<String[]> pendingXmlns = new ArrayList<>();
    private @Nullable StringBuilder cdata;
    private @Nullable Locator locator;

    private TemplateParser(@Nullable String filename) {
        this.filename = filename;
        bindings.add(new String[] {XML_NAMESPACE, "xml"});
    }

    static List<Object> parse(InputSource source, @Nullable String filename) {
        TemplateParser handler = new TemplateParser(filename);
        try {
            XMLReader reader = FACTORY.newSAXParser().getXMLReader();
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            reader.setEntityResolver(handler);
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
            reader.parse(source);
        } catch (SAXParseException e) {
            throw new TemplateSyntaxError((filename != null ? filename + ", " : "template ") + "line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new TemplateSyntaxError(where(filename) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TemplateSyntaxError(where(filename) + ": cannot read: " + e.getMessage(), e);
        }
        return List.copyOf(handler.document);
    }

    private static String where(@Nullable String filename) {
        return filename != null ? filename : "template";
    }

    private static SAXParserFactory newFactory() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be made safe for templates", e);
        }
        return factory;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public InputSource resolveEntity(@Nullable String name, @Nullable String publicId, @Nullable String baseURI,
            @Nullable String systemId) throws SAXException {
        throw new SAXException("templates may not refer to external entities (" + systemId + ")");
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        String name = prefix.isEmpty() ? null : prefix;
        bindings.add(new String[] {uri, name});
        if (!uri.equals(NAMESPACE)) {
            pendingXmlns.add(new String[] {name == null ? "xmlns" : "xmlns:" + name, uri});
        }
    }

    @Override
    public void endPrefixMapping(String prefix) {
        bindings.remove(bindings.size() - 1);
    }

    /** The prefix last bound to the namespace, or null if none is (or it is the default namespace). */
    private @Nullable String prefixOf(String uri) {
        for (int i = bindings.size() - 1; i >= 0; i--) {
            String[] binding = bindings.get(i);
            if (uri.equals(binding[0])) {
                return binding[1];
            }
        }
        return null;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        int line = locator != null ? locator.getLineNumber() : 0;
        int column = locator != null ? locator.getColumnNumber() : 0;
        String name = localName;
        boolean directive = uri.equals(NAMESPACE);
        if (directive && name.equals("slot")) {
            String slotName = attributes.getValue("", "name");
            if (slotName == null) {
                throw misuse("<t:slot> needs a name attribute");
            }
            Slot slot = new Slot(slotName, attributes.getValue("", "default"), filename, line, column);
            current.add(slot);
            open.push(slot);
            current = new ArrayList<>();
            return;
        }
        if (directive && name.equals("transparent")) {
            name = "";
        }
        String render = null;
        Map<String, String> plain = new LinkedHashMap<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            String attributeUri = attributes.getURI(i);
            String attributeName = attributes.getLocalName(i);
            if (attributeUri.equals(NAMESPACE) && attributeName.equals("render")) {
                render = attributes.getValue(i);
                continue;
            }
            String prefix = attributeUri.isEmpty() ? null : prefixOf(attributeUri);
            plain.put(prefix == null ? attributeName : prefix + ":" + attributeName, attributes.getValue(i));
        }
        if (directive && name.equals("attr")) {
            if (!(open.peek() instanceof Tag parent)) {
                throw misuse("<t:attr> must be inside an element");
            }
            String attributeName = plain.get("name");
            if (attributeName == null) {
                throw misuse("<t:attr> needs a name attribute");
            }
            Tag value = new Tag("", filename, line, column).render(render);
            parent.attributes().put(attributeName, value);
            open.push(value);
            current = value.children();
            return;
        }
        for (String[] xmlns : pendingXmlns) {
            plain.put(xmlns[0], xmlns[1]);
        }
        pendingXmlns.clear();
        if (!directive && !uri.isEmpty()) {
            String prefix = prefixOf(uri);
            if (prefix != null) {
                name = prefix + ":" + name;
            }
        }
        Tag tag = new Tag(name, filename, line, column).render(render);
        tag.attributes().putAll(plain);
        current.add(tag);
        open.push(tag);
        current = tag.children();
    }

    private SAXParseException misuse(String message) {
        return new SAXParseException(message, locator);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        open.pop();
        Object parent = open.peek();
        if (parent == null) {
            current = document;
        } else if (parent instanceof Tag tag) {
            current = tag.children();
        } else {
            current = new ArrayList<>(); // within a slot: its children are never written
        }
    }

    @Override
    public void characters(char[] text, int start, int length) {
        StringBuilder section = cdata;
        if (section != null) {
            section.append(text, start, length);
            return;
        }
        String piece = new String(text, start, length);
        int last = current.size() - 1;
        if (last >= 0 && current.get(last) instanceof String before) {
            current.set(last, before + piece);
        } else {
            current.add(piece);
        }
    }

    @Override
    public void startCDATA() {
        cdata = new StringBuilder();
    }

    @Override
    public void endCDATA() {
        StringBuilder section = cdata;
        cdata = null;
        current.add(new CDATA(section == null ? "" : section.toString()));
    }

    @Override
    public void comment(char[] text, int start, int length) {
        current.add(new Comment(new String(text, start, length)));
    }

    @Override
    public void processingInstruction(String target, String data) {
        // ignored, as Twisted does
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        throw e;
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
        throw e;
    }
}
