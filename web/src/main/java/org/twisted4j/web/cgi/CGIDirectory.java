package org.twisted4j.web.cgi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.web.ForbiddenResource;
import org.twisted4j.web.NoResource;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.files.SafePaths;

/**
 * A directory of CGI scripts, as Twisted's {@code twcgi.CGIDirectory}: the child named {@code x} is the
 * {@link CGIScript} of the file {@code x} in the directory, and the path segments after it become its
 * {@code PATH_INFO}; a subdirectory is a {@code CGIDirectory} in its turn.
 *
 * <pre>{@code
 * root.putChild("cgi-bin", new CGIDirectory(reactor, Path.of("/srv/cgi-bin")));
 * // GET /cgi-bin/env.sh/extra?x=1 runs /srv/cgi-bin/env.sh with PATH_INFO=/extra and QUERY_STRING=x=1
 * }</pre>
 *
 * <p>A name that does not exist, or that would leave the directory ({@code ..}, an encoded slash, a control
 * character, a symbolic link to elsewhere: see {@link SafePaths}), is a 404; a file that is not executable is
 * a 403; the directory itself is a 403, since it is never listed.
 *
 * <p>Threading: reactor thread only.
 */
public final class CGIDirectory extends Resource {

    private final ReactorProcess reactor;
    private final Path directory;

    /**
     * Makes the resource.
     *
     * @param reactor the reactor that runs the scripts
     * @param directory the directory; it is read afresh for each request
     */
    public CGIDirectory(ReactorProcess reactor, Path directory) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** Returns the directory, absolute. */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the script or subdirectory named {@code path}, or the error page that answers for it.
     *
     * @param path the segment, %-decoded
     * @param request the request
     * @return a {@link CGIScript}, a {@code CGIDirectory}, or a 404 or 403 page
     */
    @Override
    public Resource getChild(String path, Request request) {
        if (!(SafePaths.under(directory).resolve(List.of(path)) instanceof SafePaths.Resolved(Path file))) {
            return new NoResource("No such script.");
        }
        if (Files.isDirectory(file)) {
            return new CGIDirectory(reactor, file);
        }
        if (!Files.isRegularFile(file)) {
            return new NoResource("No such script.");
        }
        if (!Files.isExecutable(file)) {
            return new ForbiddenResource("The script is not executable.");
        }
        return new CGIScript(reactor, file);
    }

    /** Refuses to list the directory: 403 for any method. */
    @Override
    public byte[] render(Request request) {
        return new ForbiddenResource("CGI directories are not listed.").render(request);
    }

    /** Returns every method, all of them refused. */
    @Override
    public List<String> allowedMethods() {
        return List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }
}
