package org.twisted4j.web.cgi;

import java.nio.file.Path;
import org.twisted4j.internet.ReactorProcess;

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
public final class FilteredScript extends CGIScript {

    /** The filter of Perl scripts, as Twisted's documentation uses it. */
    public static final String PERL = "/usr/bin/perl";

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
        super(reactor, script, nonEmpty(filter));
        this.filter = filter;
    }

    private static String nonEmpty(String filter) {
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("the filter program is empty");
        }
        return filter;
    }

    /** Returns the interpreter the script is run through. */
    public String filter() {
        return filter;
    }
}
