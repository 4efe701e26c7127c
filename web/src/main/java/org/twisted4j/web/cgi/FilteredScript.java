package org.twisted4j.web.cgi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * A CGI script run through an interpreter, as Twisted's {@code twcgi.FilteredScript}: for each request, the
 * filter program runs with the script file as its first argument ({@code /usr/bin/perl /srv/www/form.pl}),
 * so the script needs neither its execute permission nor a {@code #!} line. Everything else is as
 * {@link CGIScript}.
 *
 * <pre>{@code
 * StaticFile site = new StaticFile(Path.of("htdocs"));
 * site.setProcessors(Map.of(".pl", file -> new FilteredScript(reactor, file, "/usr/bin/perl")));
 * }</pre>
 *
 * <p>Threading: reactor thread only.
 */
public final class FilteredScript extends Resource {

    /** The filter of Perl scripts, as Twisted's documentation uses it. */
    public static final String PERL = "/usr/bin/perl";

    private final ReactorProcess reactor;
    private final Path script;
    private final String filter;

    /**
     * Makes the resource.
     *
     * @param reactor the reactor that runs the filter
     * @param script the script file given to the filter
     * @param filter the interpreter: a path, or a name looked up on {@code PATH}
     * @throws IllegalArgumentException if {@code filter} is empty
     */
    public FilteredScript(ReactorProcess reactor, Path script, String filter) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.script = script.toAbsolutePath().normalize();
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("the filter program is empty");
        }
        this.filter = filter;
    }

    /** Returns the script file, absolute. */
    public Path script() {
        return script;
    }

    /** Returns the interpreter the script is run through. */
    public String filter() {
        return filter;
    }

    /** Returns true: the segments after the script become its {@code PATH_INFO}. */
    @Override
    public boolean isLeaf() {
        return true;
    }

    /**
     * Runs the filter with the script for any method, as {@link CGIScript} describes.
     *
     * @param request the request
     * @return {@link #NOT_DONE_YET}: the script's output finishes the request
     * @throws IOException if the request body cannot be read
     * @throws java.io.UncheckedIOException if the filter cannot be started; the server answers 500
     */
    @Override
    public byte[] render(Request request) throws IOException {
        return CgiLaunch.start(reactor, request, script, filter);
    }

    /** Returns every method: the script decides what it answers. */
    @Override
    public List<String> allowedMethods() {
        return List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }
}
