package org.twisted4j.bench;

import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.spread.pb.PBClientFactory;
import org.twisted4j.spread.pb.RemoteReference;

/**
 * A load generator for Perspective Broker servers on 127.0.0.1, made of twisted4j's own PB client
 * ({@link CallLoad}): each connection gets the server's root object, each call is
 * {@code root.callRemote("add", a, b)}, and every answer is checked. Prints one line, {@code pb-load
 * scenario=cN rate=... unit=calls/s verified=true ...}. bench/pb-vs-twisted.sh runs it against twisted4j's
 * {@code pb-server} example and Python Twisted's {@code bench/python/pb_add_server.py} in turn.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.PBCallLoad --port 8787 --connections 100 --window 16
 * [--warmup 3] [--duration 10] [--server-pid PID]}.
 *
 * <p>Threading: {@link #main} runs the reactor on the calling thread; everything else happens on it.
 */
public final class PBCallLoad implements CallLoad.Protocol<PBCallLoad.Connection> {

    /**
     * One connection: its factory (which hangs up) and the server's root object (which is called).
     *
     * @param factory the client factory of the connection
     * @param root the server's root object
     */
    record Connection(PBClientFactory factory, RemoteReference root) {
    }

    private PBCallLoad() {
    }

    /**
     * Runs the load once; exits with status 1 if an answer was wrong or a call failed, 2 on bad arguments.
     *
     * @param args options, as {@link LoadOptions#parse} reads them (scenarios, size and TLS are not used)
     */
    public static void main(String[] args) {
        CallLoad.runFromCommandLine(new PBCallLoad(), args);
    }

    /** Runs the load on a reactor of its own, on the calling thread, until it has its result. */
    static CallLoad<Connection> run(LoadOptions options) {
        return CallLoad.run(new PBCallLoad(), options);
    }

    @Override
    public String name() {
        return "pb-load";
    }

    @Override
    public Deferred<Connection> connect(NioReactor reactor, int port) {
        PBClientFactory factory = new PBClientFactory();
        reactor.connectTCP("127.0.0.1", port, factory);
        return factory.getRootObject().addCallback(root -> new Connection(factory, root));
    }

    @Override
    public Deferred<Long> add(Connection connection, long a, long b) {
        return connection.root().callRemote("add", a, b)
                .addCallback(sum -> sum instanceof Number n ? n.longValue() : Long.MIN_VALUE);
    }

    @Override
    public void disconnect(Connection connection) {
        connection.factory().disconnect();
    }
}
