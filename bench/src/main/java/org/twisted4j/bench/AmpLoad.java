package org.twisted4j.bench;

import org.twisted4j.defer.Deferred;
import org.twisted4j.examples.AmpServer;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.protocols.amp.AMP;

/**
 * A load generator for AMP servers on 127.0.0.1, made of twisted4j's own AMP client ({@link CallLoad}): each
 * call is Twisted's example command {@code Sum(a, b) -> total}, and every total is checked. Prints one line,
 * {@code amp-load scenario=cN rate=... unit=calls/s verified=true ...}. bench/amp-vs-twisted.sh runs it against
 * twisted4j's {@code amp-server} example and Python Twisted's AMP server in turn.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.AmpLoad --port 9000 --connections 100 --window 16
 * [--warmup 2] [--duration 10] [--server-pid PID]}.
 *
 * <p>Threading: {@link #main} runs the reactor on the calling thread; everything else happens on it.
 */
public final class AmpLoad implements CallLoad.Protocol<AMP> {

    private AmpLoad() {
    }

    /**
     * Runs the load once; exits with status 1 if an answer was wrong or a call failed, 2 on bad arguments.
     *
     * @param args options, as {@link LoadOptions#parse} reads them (scenarios, size and TLS are not used)
     */
    public static void main(String[] args) {
        CallLoad.runFromCommandLine(new AmpLoad(), args);
    }

    /** Runs the load on a reactor of its own, on the calling thread, until it has its result. */
    static CallLoad<AMP> run(LoadOptions options) {
        return CallLoad.run(new AmpLoad(), options);
    }

    @Override
    public String name() {
        return "amp-load";
    }

    @Override
    public Deferred<AMP> connect(NioReactor reactor, int port) {
        return Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + port),
                new AMP());
    }

    @Override
    public Deferred<Long> add(AMP amp, long a, long b) {
        return amp.callRemote(AmpServer.SUM, new AmpServer.Terms(a, b)).addCallback(AmpServer.Total::total);
    }

    @Override
    public void disconnect(AMP amp) {
        amp.transport().loseConnection();
    }
}
