package org.twisted4j.web.cgi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.web.Request;

/**
 * A PHP page run by PHP's CGI program for each request, as Twisted's old {@code twcgi.PHPScript}: {@code php-cgi}
 * starts with no arguments and finds the page through {@code SCRIPT_FILENAME}, with {@code REDIRECT_STATUS=200}
 * in its environment, which a {@code php-cgi} built with {@code cgi.force_redirect} (Debian's is) wants before it
 * runs anything. Query strings, form posts and uploads, cookies and headers reach {@code $_GET}, {@code $_POST},
 * {@code $_FILES}, {@code $_COOKIE} and {@code $_SERVER} through the CGI/1.1 environment and standard input, as
 * {@link CGIScript} describes; what the page answers goes back the same way.
 *
 * <pre>{@code
 * StaticFile site = new StaticFile(Path.of("htdocs"));
 * site.setProcessors(Map.of(".php", file -> new PHPScript(reactor, file)));
 * }</pre>
 *
 * <p>{@code twist web --processor .php=php} does the same. No search-string arguments are ever given to
 * {@code php-cgi} (a query such as {@code ?-s} would otherwise reach it as an option).
 *
 * <p>Threading: reactor thread only.
 */
public final class PHPScript extends CGIScript {

    /** The PHP CGI program, looked up on {@code PATH} (Debian's package {@code php-cgi}). */
    public static final String PHP_CGI = "php-cgi";

    private final String program;

    /**
     * Makes the resource, run by {@code php-cgi} from {@code PATH}.
     *
     * @param reactor the reactor that runs {@code php-cgi}
     * @param page the PHP file
     */
    public PHPScript(ReactorProcess reactor, Path page) {
        this(reactor, page, PHP_CGI);
    }

    /**
     * Makes the resource, run by the given PHP CGI program.
     *
     * @param reactor the reactor that runs the program
     * @param page the PHP file
     * @param program the PHP CGI program: a path, or a name looked up on {@code PATH}
     * @throws IllegalArgumentException if {@code program} is empty
     */
    public PHPScript(ReactorProcess reactor, Path page, String program) {
        super(reactor, page, null);
        if (program.isEmpty()) {
            throw new IllegalArgumentException("the PHP CGI program is empty");
        }
        this.program = program;
    }

    /** Returns the PHP CGI program. */
    public String program() {
        return program;
    }

    @Override
    public byte[] render(Request request) throws IOException {
        return CgiLaunch.start(reactor(), request, script(), List.of(program), Map.of("REDIRECT_STATUS", "200"));
    }
}
