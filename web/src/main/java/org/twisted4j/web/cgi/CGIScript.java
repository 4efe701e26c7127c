package org.twisted4j.web.cgi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * A leaf resource that runs one CGI script for each request, as Twisted's {@code twcgi.CGIScript}: the file
 * itself is executed (it needs its execute permission, and a {@code #!} line if it is a script).
 *
 * <pre>{@code
 * root.putChild("status", new CGIScript(reactor, Path.of("/srv/cgi-bin/status.sh")));
 * }</pre>
 *
 * <h2>What the script gets</h2>
 * The RFC 3875 meta-variables in its environment: {@code SERVER_SOFTWARE}, {@code SERVER_NAME}, {@code
 * GATEWAY_INTERFACE=CGI/1.1}, {@code SERVER_PROTOCOL}, {@code SERVER_PORT}, {@code REQUEST_METHOD}, {@code
 * SCRIPT_NAME} (the path up to the script), {@code SCRIPT_FILENAME}, {@code REQUEST_URI}, {@code PATH_INFO}
 * (the path segments after the script, when there are any) with {@code PATH_TRANSLATED} (those under the
 * script's directory), {@code QUERY_STRING}, {@code REMOTE_ADDR}, {@code REMOTE_HOST} (the address: no name
 * is looked up), {@code CONTENT_TYPE} and {@code CONTENT_LENGTH} when the request has a body, {@code HTTPS=on}
 * on TLS, and {@code HTTP_NAME} for each other request header (repeats joined with {@code ", "}; a {@code
 * Proxy} header is never passed). The server's own environment is passed on under the other names, as
 * Twisted does. A query without {@code =} is also split at {@code +} into command-line arguments. The
 * request body arrives on standard input, which is then closed; the working directory is the script's.
 *
 * <h2>What the script answers</h2>
 * Header lines (ended by LF or CRLF) up to an empty line, then the body. {@code Status: 404 Not Found} sets
 * the status; a {@code Location} without a {@code Status} is a 302; the other headers are sent as given
 * ({@code Server}, {@code Date}, {@code Connection} and {@code Transfer-Encoding} are the server's own). The
 * body goes to the client as the script writes it, with the script's {@code Content-Length} if it gave one,
 * else chunked; reading the script's output pauses while the client is slow. A script whose file name starts
 * with {@code nph-} ("non-parsed headers") writes the whole response, status line included, and the
 * connection closes after it. Output that is not a header section, or a script that ends before finishing its
 * headers, is a 500 and is logged along with what the script wrote to standard error. If the client goes
 * away, the script is killed.
 *
 * <p>Threading: reactor thread only.
 */
public sealed class CGIScript extends Resource permits FilteredScript, PHPScript {

    private final ReactorProcess reactor;
    private final Path script;
    private final @Nullable String filter;

    /**
     * Makes the resource.
     *
     * @param reactor the reactor that runs the script
     * @param script the script file; it is not looked at until a request comes
     */
    public CGIScript(ReactorProcess reactor, Path script) {
        this(reactor, script, null);
    }

    /** Makes a resource running {@code script}, through {@code filter} if it is not null. */
    CGIScript(ReactorProcess reactor, Path script, @Nullable String filter) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.script = script.toAbsolutePath().normalize();
        this.filter = filter;
    }

    /** Returns the script file, absolute. */
    public Path script() {
        return script;
    }

    /** Returns true: the segments after the script become its {@code PATH_INFO}. */
    @Override
    public boolean isLeaf() {
        return true;
    }

    /**
     * Runs the script for any method, as the class javadoc describes.
     *
     * @param request the request
     * @return {@link #NOT_DONE_YET}: the script's output finishes the request
     * @throws IOException if the request body cannot be read
     * @throws java.io.UncheckedIOException if the script cannot be started; the server answers 500
     */
    @Override
    public byte[] render(Request request) throws IOException {
        return CgiLaunch.start(reactor, request, script, filter);
    }

    /** Returns the reactor that runs the script. */
    final ReactorProcess reactor() {
        return reactor;
    }

    /** Returns every method: the script decides what it answers. */
    @Override
    public List<String> allowedMethods() {
        return List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }
}
