package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/**
 * The smallest web server: one leaf resource that answers every GET, whatever its path, with
 * {@code Hello, World!}.
 *
 * <pre>
 * bin/run-example web-hello [ENDPOINT]      # ENDPOINT defaults to tcp:8000; then: curl http://localhost:8000/
 * </pre>
 */
public final class WebHello {

    /** Answers GET (and HEAD) with a line of plain text. */
    public static final class Hello extends Resource {
        /** Made once, as the site's root. */
        public Hello() {
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain; charset=utf-8");
            return "Hello, World!".getBytes(UTF_8);
        }
    }

    private WebHello() {
    }

    /**
     * Serves {@link Hello} on the endpoint {@code description} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description) {
        return ExampleMain.listen(reactor, "web-hello", description, new Site(new Hello(), reactor));
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, an endpoint description such as {@code tcp:8000:interface=127.0.0.1}
     */
    public static void main(String[] args) {
        ExampleMain.serve("web-hello", args, ExampleMain.DEFAULT_SERVER, WebHello::start);
    }
}
