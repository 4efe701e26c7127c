package org.twisted4j.web.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import org.xml.sax.InputSource;

/**
 * A template parsed from a string or a class-path resource, at once, as Twisted's {@code XMLString}.
 *
 * <pre>{@code
 * static final TemplateLoader ROW = new XMLString(
 *         "<tr xmlns:t='http://twistedmatrix.com/ns/twisted.web.template/0.1'><td><t:slot name='name'/></td></tr>");
 * static final TemplateLoader PAGE = XMLString.resource(Page.class, "page.xml");
 * }</pre>
 *
 * <p>The template is XHTML with the {@value Template#NAMESPACE} namespace for {@code t:render},
 * {@code t:slot}, {@code t:attr} and {@code t:transparent}. DOCTYPEs are refused, so no entity is ever defined or
 * fetched (the page's doctype comes from {@link Template#renderElement}).
 *
 * <p>Threading: immutable.
 */
public final class XMLString implements TemplateLoader {

    private final List<Object> document;

    /**
     * Parses a template.
     *
     * @param xml the template
     * @throws TemplateSyntaxError if it cannot be parsed
     */
    public XMLString(String xml) {
        this.document = TemplateParser.parse(new InputSource(new StringReader(xml)), null);
    }

    /**
     * Parses a template from a class-path resource.
     *
     * @param owner the class the name is relative to ({@link Class#getResourceAsStream})
     * @param name the resource's name
     * @return the parsed template
     * @throws TemplateSyntaxError if it cannot be parsed
     * @throws UncheckedIOException if there is no such resource or it cannot be read
     */
    public static XMLString resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("no resource " + name + " beside " + owner.getName()));
            }
            return new XMLString(TemplateParser.parse(new InputSource(in), name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    private XMLString(List<Object> document) {
        this.document = document;
    }

    @Override
    public List<Object> load() {
        return document;
    }
}
