package org.twisted4j.web;

import java.nio.file.Path;

/**
 * Turns a file that {@link StaticFile} is about to serve into a resource that answers for it instead, as the
 * values of Twisted's {@code static.File.processors}: a Perl script run as CGI, a template rendered, and so
 * on. {@link StaticFile#setProcessors} chooses one by the end of the file's name.
 *
 * <pre>{@code
 * StaticFile site = new StaticFile(Path.of("htdocs"));
 * site.setProcessors(Map.of(".pl", file -> new FilteredScript(reactor, file, "/usr/bin/perl")));
 * }</pre>
 *
 * <p>Threading: called on the reactor thread, once for each request that reaches such a file.
 */
@FunctionalInterface
public interface ResourceProcessor {

    /**
     * Makes the resource that renders the request for {@code file}. The request's {@link Request#prepath()}
     * ends with the file's name, and its {@link Request#postpath()} holds the segments after it (a CGI
     * script's {@code PATH_INFO}); a resource that is not a {@linkplain Resource#isLeaf() leaf} is walked
     * down those segments first.
     *
     * @param file the file, absolute; it exists and is a regular file
     * @return the resource that renders the request
     * @throws Exception if the file cannot be made into a resource; the server answers 500
     */
    Resource process(Path file) throws Exception;
}
