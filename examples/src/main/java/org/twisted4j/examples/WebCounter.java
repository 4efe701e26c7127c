package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/**
 * The counter of Twisted's web documentation: a resource that keeps state between requests and answers each
 * with its number, {@code I am request #1}, {@code #2}, and so on. No lock is needed: the reactor renders
 * one request at a time.
 *
 * <pre>
 * bin/run-example web-counter [ENDPOINT]    # ENDPOINT defaults to tcp:8000
 * </pre>
 */
public final class WebCounter {

    /** Counts the requests it renders. */
    public static final class Counter extends Resource {
        private int requests;

        /** Starts at zero. */
        public Counter() {
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            requests++;
            request.setHeader("Content-Type", "text/plain");
            return ("I am request #" + requests + "\n").getBytes(US_ASCII);
        }
    }

    private WebCounter() {
    }

    /**
     * Serves a {@link Counter} on the endpoint {@code description} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description) {
        return ExampleMain.listen(reactor, "web-counter", description, new Site(new Counter(), reactor));
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, an endpoint description such as {@code tcp:8000:interface=127.0.0.1}
     */
    public static void main(String[] args) {
        ExampleMain.serve("web-counter", args, ExampleMain.DEFAULT_SERVER, WebCounter::start);
    }
}
