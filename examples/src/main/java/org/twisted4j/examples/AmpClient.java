package org.twisted4j.examples;

import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.protocols.amp.AMP;

/**
 * The client of {@link AmpServer}, as Twisted's {@code ampclient.py}: on two connections at once, asks for
 * {@code Sum(13, 81)} and for {@code Divide(1234, 0)}, turns the division's {@code ZERO_DIVISION} into infinity,
 * and prints both results.
 *
 * <pre>
 * bin/run-example amp-client [ENDPOINT]      # tcp:host=127.0.0.1:port=8000 when not given
 * Divided by zero: returning INF
 * Done with math: [94, Infinity]
 * </pre>
 */
public final class AmpClient {

    private AmpClient() {
    }

    /**
     * Does the math on the server at the endpoint {@code description}. Reactor thread only.
     *
     * @return fires with the sum and the quotient, in that order
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<List<Object>> doMath(NioReactor reactor, String description) {
        StreamClientEndpoint destination = Endpoints.clientFromString(reactor, description);
        Deferred<Object> sum = Endpoints.connectProtocol(destination, new AMP())
                .addCallbackDeferred(amp -> amp.callRemote(AmpServer.SUM, new AmpServer.Terms(13, 81)))
                .addCallback(AmpServer.Total::total);
        Deferred<Object> divide = Endpoints.connectProtocol(destination, new AMP())
                .addCallbackDeferred(amp -> amp.callRemote(AmpServer.DIVIDE, new AmpServer.Division(1234, 0)))
                .addCallbacks(AmpServer.Quotient::result, failure -> {
                    failure.trap(AmpServer.ZeroDivisionError.class);
                    System.out.println("Divided by zero: returning INF");
                    return Double.POSITIVE_INFINITY;
                });
        return Deferred.gatherResults(List.of(sum, divide));
    }

    /**
     * Does the math and prints the results.
     *
     * @param args where to connect, an endpoint description
     */
    public static void main(String[] args) {
        String where = args.length > 0 ? args[0] : ExampleMain.DEFAULT_CLIENT;
        ExampleMain.react("amp-client", reactor -> doMath(reactor, where).addCallback(results -> {
            System.out.println("Done with math: " + results);
            return null;
        }));
    }
}
