package org.twisted4j.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.Reactors;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/**
 * The twisted4j side of the HTTP load run: a {@link Site} whose every path is one leaf {@link Resource}
 * answering {@code Hello, World!} as {@code text/plain} (a rendered body, so it goes out with a
 * Content-Length), on one reactor thread.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.WebHelloServer [--reactor NAME] PORT} binds {@code 127.0.0.1:PORT} (0 picks
 * a free port), prints {@code listening on PORT} once bound and serves until killed.
 */
public final class WebHelloServer {

    private WebHelloServer() {
    }

    /** The resource: the same bytes for every GET, whatever the path. */
    static final class Hello extends Resource {

        private static final byte[] BODY = "Hello, World!".getBytes(US_ASCII);

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain");
            return BODY;
        }
    }

    /** Returns a site serving {@link Hello} on every path, timing out on the reactor's clock. */
    static Site site(ReactorTime reactor) {
        return new Site(new Hello(), reactor);
    }

    /**
     * Serves until the process is killed.
     *
     * @param args the port to listen on (0 for any free one), after {@code --reactor NAME} for a reactor backend
     *     other than NIO (no fallback: a backend that cannot run here is an error)
     * @throws NumberFormatException if the port is not a number
     */
    public static void main(String[] args) {
        boolean chosen = args.length == 3 && args[0].equals("--reactor");
        if (args.length != 1 && !chosen) {
            System.err.println("Usage: WebHelloServer [--reactor nio|epoll|io_uring] PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[args.length - 1]);
        ReactorBackend reactor = chosen ? Reactors.require(args[1]) : new NioReactor();
        reactor.callWhenRunning(() -> {
            ListeningPort listening = reactor.listenTCP(port, site(reactor), 1024, "127.0.0.1");
            System.out.println("listening on " + listening.getHost());
        });
        reactor.run(true);
    }
}
