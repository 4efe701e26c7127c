package org.twisted4j.web.cgi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/** Starts a CGI script for a request: the part {@link CGIScript} and {@link FilteredScript} share. */
final class CgiLaunch {

    private CgiLaunch() {
    }

    /**
     * Starts {@code script}, through {@code filter} if one is given, with the request's CGI environment in the
     * script's directory; the {@link CgiProcess} then answers the request.
     *
     * @return {@link Resource#NOT_DONE_YET}
     * @throws IOException if the request body cannot be read
     * @throws java.io.UncheckedIOException if the program cannot be started
     */
    static byte[] start(ReactorProcess reactor, Request request, Path script, @Nullable String filter)
            throws IOException {
        List<String> args = new ArrayList<>();
        args.add(filter != null ? filter : script.toString());
        if (filter != null) {
            args.add(script.toString());
        }
        args.addAll(CgiEnvironment.searchArguments(request.getUri()));
        return start(reactor, request, script, args, Map.of());
    }

    /**
     * Starts {@code args} (the program first) for {@code script} with the request's CGI environment, plus
     * {@code extra} variables, in the script's directory; the {@link CgiProcess} then answers the request.
     */
    static byte[] start(ReactorProcess reactor, Request request, Path script, List<String> args,
            Map<String, String> extra) throws IOException {
        byte[] body;
        try (InputStream content = request.getContent()) {
            body = content.readAllBytes();
        }
        Map<String, String> env = CgiEnvironment.build(CgiEnvironment.of(request, body.length), script,
                System.getenv());
        env.putAll(extra);
        boolean nph = script.getFileName().toString().startsWith("nph-");
        reactor.spawnProcess(new CgiProcess(request, body, nph), args.get(0), args, env, script.getParent());
        return Resource.NOT_DONE_YET;
    }
}
