package org.twisted4j.examples;

import java.nio.ByteBuffer;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;

/**
 * The echo server: every connection gets back exactly the bytes it sends.
 *
 * <pre>
 * bin/run-example echo-server [ENDPOINT]      # ENDPOINT defaults to tcp:8000
 * </pre>
 */
public final class EchoServer {

    /** Writes back whatever arrives. */
    public static final class Echo extends Protocol {
        /** Made by {@link #factory()}, one per connection. */
        public Echo() {
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(data);
        }
    }

    private EchoServer() {
    }

    /** Returns a factory that gives each connection its own {@link Echo}. */
    public static Factory factory() {
        return Factory.forProtocol(Echo::new);
    }

    /**
     * Listens on the endpoint {@code description} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description) {
        return ExampleMain.listen(reactor, "echo-server", description, factory());
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, an endpoint description such as {@code tcp:8000:interface=127.0.0.1}
     */
    public static void main(String[] args) {
        ExampleMain.serve("echo-server", args, ExampleMain.DEFAULT_SERVER, EchoServer::start);
    }
}
