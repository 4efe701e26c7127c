package org.twisted4j.web.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xml.sax.InputSource;

/**
 * A template parsed from a file the first time it is loaded, then kept, as Twisted's {@code XMLFile}. See
 * {@link XMLString} for what a template may hold.
 *
 * <p>Threading: any thread; the file is parsed once.
 */
public final class XMLFile implements TemplateLoader {

    private final Path path;
    private volatile @Nullable List<Object> document;

    /**
     * Makes the loader; the file is read on the first {@link #load()}.
     *
     * @param path the template file
     */
    public XMLFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Returns the document, parsing the file the first time.
     *
     * @throws TemplateSyntaxError if it cannot be parsed
     * @throws UncheckedIOException if the file cannot be read
     */
    @Override
    public List<Object> load() {
        List<Object> loaded = document;
        if (loaded == null) {
            synchronized (this) {
                loaded = document;
                if (loaded == null) {
                    try (InputStream in = Files.newInputStream(path)) {
                        loaded = TemplateParser.parse(new InputSource(in), path.toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read template " + path, e);
                    }
                    document = loaded;
                }
            }
        }
        return loaded;
    }

    @Override
    public String toString() {
        return "XMLFile(" + path + ")";
    }
}
