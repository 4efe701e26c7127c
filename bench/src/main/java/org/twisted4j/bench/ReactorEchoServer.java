package org.twisted4j.bench;

import org.twisted4j.examples.EchoServer;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.Reactors;
import org.twisted4j.internet.endpoints.Endpoints;

/**
 * The twisted4j side of the echo load run on a chosen reactor backend ({@code bench/echo-vs-netty.sh --reactor
 * NAME}): the {@code echo-server} example's protocol on an endpoint, served by one reactor of that backend.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.ReactorEchoServer NAME ENDPOINT} listens on the endpoint
 * description ({@code tcp:PORT:interface=127.0.0.1}, {@code ssl:PORT:privateKey=...}) with the backend
 * {@code NAME} (no fallback: one that cannot run here is an error), prints {@code listening on ...} once bound
 * and serves until killed.
 */
public final class ReactorEchoServer {

    private ReactorEchoServer() {
    }

    /**
     * Serves until the process is killed.
     *
     * @param args the backend's name and the endpoint to listen on
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("Usage: ReactorEchoServer nio|epoll|io_uring ENDPOINT");
            System.exit(2);
        }
        ReactorBackend reactor = Reactors.require(args[0]);
        reactor.callWhenRunning(() -> Endpoints.serverFromString(reactor, args[1]).listen(EchoServer.factory())
                .addCallbacks(port -> {
                    System.out.println("listening on " + port.getHost() + " (reactor " + reactor.backendName() + ")");
                    return null;
                }, failure -> {
                    System.err.println("cannot listen on " + args[1] + ": " + failure.getErrorMessage());
                    reactor.stop();
                    return null;
                }));
        reactor.run(true);
    }
}
