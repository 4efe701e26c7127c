package org.twisted4j.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.web.Site;
import org.twisted4j.web.StaticFile;
import org.twisted4j.web.cgi.CGIDirectory;
import org.twisted4j.web.cgi.FilteredScript;

/**
 * The extended web server of Twisted's web documentation: the files of one directory, where {@code .pl} files
 * are run by Perl as CGI scripts and an {@code index.pl} can be a directory's index; the CGI scripts of a
 * second directory under {@code /cgi-bin/}; and a third directory's files under {@code /docs/}.
 *
 * <pre>
 * bin/run-example web-extended [ENDPOINT [HTDOCS [CGI_BIN [DOCS]]]]
 * # defaults: tcp:8000, then the directories htdocs, cgi-bin and docs under the current one
 * </pre>
 */
public final class WebExtended {

    private WebExtended() {
    }

    /**
     * Serves the three directories on the endpoint {@code description} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description, Path htdocs, Path cgiBin,
            Path docs) {
        StaticFile root = new StaticFile(htdocs);
        root.setIndexNames(List.of("index.html", "index.pl"));
        root.setProcessors(Map.of(".pl", file -> new FilteredScript(reactor, file, "/usr/bin/perl")));
        root.putChild("cgi-bin", new CGIDirectory(reactor, cgiBin));
        root.putChild("docs", new StaticFile(docs));
        return ExampleMain.listen(reactor, "web-extended", description, new Site(root, reactor));
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, then the three directories
     */
    public static void main(String[] args) {
        Path htdocs = Path.of(args.length > 1 ? args[1] : "htdocs");
        Path cgiBin = Path.of(args.length > 2 ? args[2] : "cgi-bin");
        Path docs = Path.of(args.length > 3 ? args[3] : "docs");
        ExampleMain.serve("web-extended", args, ExampleMain.DEFAULT_SERVER,
                (reactor, where) -> start(reactor, where, htdocs, cgiBin, docs));
    }
}
